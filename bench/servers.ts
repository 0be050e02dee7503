// The two servers under test: the production chat server on a fresh SQLite database, and the
// bare Socket.IO relay (bench/baseline-server.ts). Each run gets a new process.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../test/helpers/server";
import { owned, SECRET, sleep, status } from "./cli";
import { mintCookies, seed, type RoomSeed } from "./seed";
import { SERVER_NODE_FLAGS } from "./server-flags";

export type Kind = "app" | "baseline";

export interface Target {
  kind: Kind;
  url: string;
  proc: ChildProcess;
  dbFile?: string;
  log: () => string;
}

async function waitUp(t: Target, probe: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (t.proc.exitCode !== null) throw new Error(`server exited with ${t.proc.exitCode}:\n${t.log()}`);
    if (await fetch(t.url + probe).then((r) => r.ok, () => false)) return;
    await sleep(100);
  }
  throw new Error(`server did not come up:\n${t.log()}`);
}

async function startTarget(kind: Kind, dbFile?: string): Promise<Target> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  if (kind === "app") {
    Object.assign(env, { DATA_DIR: path.dirname(dbFile!), DATABASE_URL: `file:${dbFile}`, NEXTAUTH_URL: url, NEXTAUTH_SECRET: SECRET, LOG_LEVEL: "warn" });
  }
  const script = kind === "app" ? "server.ts" : "bench/baseline-server.ts";
  const extra = process.env.BENCH_NODE_OPTIONS && kind === "app" ? process.env.BENCH_NODE_OPTIONS.split(" ") : [];
  const proc = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...extra, "--import", "tsx", script], { env, stdio: ["ignore", "pipe", "pipe"] });
  owned.children.add(proc);
  let log = "";
  const keep = (c: Buffer) => (log = (log + c.toString()).slice(-20_000));
  proc.stdout!.on("data", keep);
  proc.stderr!.on("data", keep);
  status(`starting ${kind} server`);
  const target: Target = { kind, url, proc, dbFile, log: () => log };
  await waitUp(target, kind === "app" ? "/api/auth/csrf" : "/");
  return target;
}

/** A started server and, for the app, a session cookie per seeded user (by user index). */
export async function prepare(kind: Kind, users: number, rooms: RoomSeed[]): Promise<{ target: Target; cookies: string[] }> {
  if (kind === "baseline") return { target: await startTarget("baseline"), cookies: [] };
  const dir = mkdtempSync(path.join(os.tmpdir(), "chat-bench-"));
  owned.tempDirs.add(dir);
  status(`seeding ${users} users`);
  const { file, ids } = await seed(dir, users, rooms);
  const cookies = await mintCookies(ids);
  return { target: await startTarget("app", file), cookies };
}

/** Stops the server (SIGTERM, then SIGKILL after 15 s) and removes its workspace. */
export async function finish(t: Target): Promise<void> {
  if (t.proc.exitCode === null) {
    const exited = new Promise((r) => t.proc.once("exit", r));
    t.proc.kill("SIGTERM");
    // The server's own shutdown gives up after 10 s; a --cpu-prof profile is written as it exits.
    await Promise.race([exited, sleep(15_000)]);
    if (t.proc.exitCode === null) t.proc.kill("SIGKILL");
  }
  owned.children.delete(t.proc);
  if (t.dbFile) {
    const dir = path.dirname(t.dbFile);
    rmSync(dir, { recursive: true, force: true });
    owned.tempDirs.delete(dir);
  }
}
