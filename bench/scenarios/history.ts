// History reads in a huge room, in-process through the app's own listMessages (bench/history.ts).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { options, owned, status } from "../cli";
import type { Result, Row } from "../result";
import { SERVER_NODE_FLAGS } from "../server-flags";

function runHistory(messages: number, runs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // With the server's own Node flags: listMessages runs here as it does in the server.
    const proc = spawn(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", "bench/history.ts", "--messages", String(messages), "--runs", String(runs)], { stdio: ["ignore", "pipe", "inherit"] });
    owned.children.add(proc);
    proc.stdout!.on("data", (c: Buffer) => status(`history: ${c.toString().trim().split("\n").at(-1)}`));
    proc.on("exit", (code) => (owned.children.delete(proc), code === 0 ? resolve() : reject(new Error(`history.ts exited ${code}`))));
  });
}

export async function history(): Promise<Result> {
  const messages = options.quick ? 200_000 : 1_000_000;
  const runs = options.quick ? 500 : 2000;
  const before = new Set(existsSync("bench/results") ? readdirSync("bench/results") : []);
  await runHistory(messages, runs);
  status("");
  const file = readdirSync("bench/results").filter((f) => f.startsWith("history-") && !before.has(f)).sort().at(-1)!;
  const data = JSON.parse(readFileSync(path.join("bench/results", file), "utf8")) as { results: { case: string; p50: number; p99: number; max: number; bytesPerCall: number; scavengesPer1000: number }[] };
  const row: Row = {};
  for (const r of data.results) {
    const garbage = `${(r.bytesPerCall / 1024).toFixed(1)} KB allocated/call, ${r.scavengesPer1000.toFixed(1)} scavenges/1,000 calls`;
    row[r.case] = `p50 ${r.p50.toFixed(2)} / p99 ${r.p99.toFixed(2)} / max ${r.max.toFixed(2)} ms; ${garbage}`;
  }
  const latest = data.results[0]!.p99;
  const deep = data.results[1]!.p99;
  return {
    scenario: "history",
    load: `listMessages in a ${messages.toLocaleString("en")}-message room, ${runs} runs per case (in-process, server-side)`,
    app: { ...row, latestP99: latest, deepP99: deep },
    target: "latest and deep page p99 < 5 ms",
    met: latest < 5 && deep < 5,
    note: options.quick ? "quick mode: 200,000 messages" : undefined,
  };
}
