// Runs bench/store.ts (the durable store alone, in process) in a child process for the storage
// scenario, once per database, and returns its figures.
import { spawn } from "node:child_process";
import { owned } from "./cli";
import { SERVER_NODE_FLAGS } from "./server-flags";

export interface StoreFigures {
  db: "sqlite" | "postgres";
  ackedPerSec: number;
  acked: number;
  stored: number;
  failed: number;
  cpuSeconds: number;
  seconds: number;
  /** With the search indexer running (bench/freshness.ts): ack to searchable, in ms. */
  freshP50Ms?: number | null;
  freshP99Ms?: number | null;
}

export function runStore(db: StoreFigures["db"], seconds: number, options: { indexer?: boolean } = {}): Promise<StoreFigures> {
  return new Promise((resolve, reject) => {
    const args = [...SERVER_NODE_FLAGS, "--import", "tsx", "bench/store.ts", "--db", db, "--seconds", String(seconds), ...(options.indexer ? ["--indexer"] : [])];
    const proc = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    owned.children.add(proc);
    let out = "";
    proc.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    proc.on("exit", (code) => {
      owned.children.delete(proc);
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code === 0 && last.startsWith("{")) resolve(JSON.parse(last) as StoreFigures);
      else reject(new Error(`bench/store.ts --db ${db} exited ${code}: ${out}`));
    });
  });
}
