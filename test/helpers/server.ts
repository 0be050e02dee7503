import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { copyTemplate, freshPostgres, TEST_SECRET, testDatabase } from "./template-db";

export interface TestServer {
  url: string;
  databaseUrl: string;
  port: number;
  dataDir: string;
  /** Graceful stop (SIGTERM), waiting for the process to exit; the database stays for a restart. */
  terminate(): Promise<void>;
  /** Graceful stop, then the data folder is removed. */
  stop(): Promise<void>;
  /** Abrupt death (SIGKILL), as a crash or OOM kill would be. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and database. */
  restart(): Promise<void>;
  /** Everything the process printed, for diagnosing failures. */
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function freshDatabase(dataDir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (testDatabase === "postgres") return freshPostgres();
  return { url: `file:${copyTemplate(dataDir)}`, drop: async () => {} };
}

export interface ServerOptions {
  env?: Record<string, string>;
  /** Share an existing database (another node of a cluster) instead of a fresh one. */
  databaseUrl?: string;
}

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chat-test-"));
  const database = options.databaseUrl ? { url: options.databaseUrl, drop: async () => {} } : await freshDatabase(dataDir);
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    NEXTAUTH_URL: url,
    NEXTAUTH_SECRET: TEST_SECRET,
    LOG_LEVEL: "warn",
    // Every test signs in from 127.0.0.1, many times a minute; the tests of that limit set their own.
    LOGIN_ATTEMPTS_PER_MINUTE: "100000",
    ...options.env,
  };
  let child: ChildProcess | undefined;
  let log = "";

  async function launch(): Promise<void> {
    const proc = spawn(process.execPath, ["--import", "tsx", "server.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    child = proc;
    proc.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    proc.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    await waitUntilUp(url, proc, () => log);
  }

  async function end(signal: NodeJS.Signals): Promise<void> {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    proc.kill(signal);
    await exited;
  }

  await launch();
  return {
    url,
    databaseUrl: database.url,
    port,
    dataDir,
    terminate: () => end("SIGTERM"),
    stop: async () => {
      await end("SIGTERM");
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    },
    kill: () => end("SIGKILL"),
    restart: launch,
    output: () => log,
  };
}

async function waitUntilUp(url: string, proc: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}:\n${log()}`);
    const ok = await fetch(`${url}/api/auth/csrf`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill("SIGKILL");
  throw new Error(`server did not come up within 60 s:\n${log()}`);
}
