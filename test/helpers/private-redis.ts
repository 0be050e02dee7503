import { spawn, type ChildProcess } from "node:child_process";
import type { TestServer } from "./server";

// A private redis-server for tests that stop Redis mid-test (no persistence, as a restarted cache
// would be), so the machine's shared Redis is never touched.

export function startRedis(port: number): Promise<ChildProcess> {
  const proc = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    proc.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Ready to accept connections")) resolve(proc);
    });
    proc.once("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
}

export async function killProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  proc.kill("SIGKILL");
  await exited;
}

/** The node's own view of Redis, from its readiness check: "ok", "failing"... */
export async function redisCheck(node: TestServer): Promise<string> {
  const res = await fetch(`${node.url}/api/ready`);
  return ((await res.json()) as { checks: { redis: string } }).checks.redis;
}

/** Polls an asynchronous condition (no event announces these). */
export async function eventually(predicate: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
