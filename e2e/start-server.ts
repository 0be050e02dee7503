// Starts the production server for the end-to-end suite on a fresh copy of the seeded template
// database (users alice, bob and carol; passwords `<name>-password`), in a temporary data folder
// that is removed when the server stops. Playwright's `webServer` runs this script.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { copyTemplate, TEST_SECRET } from "../test/helpers/template-db";
import { HTML_USER } from "./html-user";

const port = Number(process.env.E2E_PORT ?? 3210);
// The browser must use exactly this origin: the Socket.IO handshake refuses any other Origin.
const url = `http://localhost:${port}`;

const dataDir = mkdtempSync(path.join(tmpdir(), "chat-e2e-"));
let cleaned = false;
function cleanUp(): void {
  if (cleaned) return;
  cleaned = true;
  rmSync(dataDir, { recursive: true, force: true });
}

let dbFile: string;
try {
  dbFile = copyTemplate(dataDir);
  execFileSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", "add", HTML_USER.username, "--name", HTML_USER.name, "--password-stdin"], {
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, DATA_DIR: dataDir },
    input: `${HTML_USER.password}\n`,
    stdio: ["pipe", "ignore", "inherit"],
  });
} catch (error) {
  cleanUp();
  throw error;
}

const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${dbFile}`,
    NEXTAUTH_URL: url,
    NEXTAUTH_SECRET: TEST_SECRET,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  },
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    // Playwright signals the whole process group, so the server may have it already; it ignores a second one.
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

child.on("exit", (code, signal) => {
  cleanUp();
  process.exit(code ?? (signal ? 0 : 1));
});

child.on("error", (error) => {
  console.error("could not start the server:", error);
  cleanUp();
  process.exit(1);
});

process.on("exit", cleanUp);
