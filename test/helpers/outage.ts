import { spawn, type ChildProcess } from "node:child_process";
import { createServer, connect, type Server, type Socket } from "node:net";
import { freePort } from "./server";

/** A fault a test switches on and off. */
export interface Outage {
  begin(): Promise<void>;
  end(): Promise<void>;
}

// A second process (a backup, the sqlite3 CLI) holding SQLite's write lock: writers wait
// busy_timeout, then fail with SQLITE_BUSY; readers carry on (WAL).
const HOLDER = `
const db = new (require("better-sqlite3"))(process.argv[1]);
db.pragma("busy_timeout = 10000");
db.exec("BEGIN IMMEDIATE");
process.stdout.write("held\\n");
process.stdin.on("end", () => process.exit(0)).resume();`;

export function holdSqliteWriteLock(databaseUrl: string): Outage {
  const file = databaseUrl.replace(/^file:/, "");
  let holder: ChildProcess | null = null;
  return {
    async begin() {
      const proc = spawn(process.execPath, ["-e", HOLDER, file], { stdio: ["pipe", "pipe", "inherit"] });
      holder = proc;
      await new Promise<void>((resolve, reject) => {
        proc.stdout?.once("data", () => resolve());
        proc.once("exit", (code) => reject(new Error(`lock holder exited with ${code}`)));
      });
    },
    async end() {
      const proc = holder;
      holder = null;
      if (!proc || proc.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
      proc.kill("SIGKILL");
      await exited;
    },
  };
}

/**
 * A TCP proxy in front of PostgreSQL. `begin` drops every connection and refuses new ones (as a
 * stopped or unreachable server would), `end` accepts again on the same port. The machine's
 * shared PostgreSQL itself is never touched.
 */
export async function pgProxy(databaseUrl: string): Promise<Outage & { url: string; close(): Promise<void> }> {
  const target = new URL(databaseUrl);
  const port = await freePort();
  const open = new Set<Socket>();
  let server: Server | null = null;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
          open.add(a);
          a.on("error", () => b.destroy());
          a.on("close", () => (open.delete(a), b.destroy()));
          a.pipe(b);
        }
      });
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => resolve());
      server = s;
    });
  const cut = async () => {
    const s = server;
    server = null;
    for (const socket of open) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  const url = new URL(databaseUrl);
  url.port = String(port);
  return {
    url: url.toString(),
    begin: cut,
    end: async () => {
      if (!server) await listen();
    },
    close: cut,
  };
}

/**
 * PostgreSQL itself turns the database away: new connections refused (ALLOW_CONNECTIONS false),
 * then every connection to it terminated (pg_terminate_backend, SQLSTATE 57P01). Only this
 * test's own database is touched.
 */
export function pgRefuse(databaseUrl: string): Outage {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const run = async (sql: string) => {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql, sql.includes("$1") ? [name] : []);
    } finally {
      await client.end();
    }
  };
  return {
    async begin() {
      await run(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()");
    },
    end: () => run(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`),
  };
}
