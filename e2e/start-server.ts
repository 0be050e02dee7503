// Starts the production server for the end-to-end suite on a fresh copy of the seeded template
// database (users alice, bob and carol; passwords `<name>-password`), in a temporary data folder
// that is removed when the server stops. Playwright's `webServer` runs this script.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { copyTemplate, TEST_SECRET } from "../test/helpers/template-db";
import { databasePointer, E2E_SEND_LIMIT, HTML_USER, OUTBOX_USER, runAdmin } from "./admin";

const port = Number(process.env.E2E_PORT ?? 3210);
// The browser must use exactly this origin: the Socket.IO handshake refuses any other Origin.
const url = `http://localhost:${port}`;

const dataDir = mkdtempSync(path.join(tmpdir(), "chat-e2e-"));
let cleaned = false;
function cleanUp(): void {
  if (cleaned) return;
  cleaned = true;
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(databasePointer(port), { force: true });
}

let dbFile: string;
try {
  dbFile = copyTemplate(dataDir);
  for (const user of [HTML_USER, OUTBOX_USER]) {
    runAdmin(dbFile, ["add", user.username, "--name", user.name, "--password-stdin"], `${user.password}\n`);
  }
  writeFileSync(databasePointer(port), dbFile);
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
    // Sends at twice the default rate (10/s, burst 30): fast enough for e2e/outbox.spec.ts's 500
    // messages, slow enough that the limit, not the round trip, sets the outbox's pace, which is what
    // that spec checks. No spec relies on the default send limit. Other events keep their defaults.
    RATE_LIMITS: process.env.RATE_LIMITS ?? `message:send=${E2E_SEND_LIMIT.perSecond}/${E2E_SEND_LIMIT.burst}`,
    // Every test signs in from 127.0.0.1, many times a minute; the tests of that limit set their own.
    LOGIN_ATTEMPTS_PER_MINUTE: "100000",
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
