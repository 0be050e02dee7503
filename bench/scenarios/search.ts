// Search at scale (issue 15) on both databases, in process through the app's own searchMessages
// (bench/search.ts in a child process per database, with the server's Node flags).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { options, owned, status } from "../cli";
import type { Result, Row } from "../result";
import { SERVER_NODE_FLAGS } from "../server-flags";
import { runStore, type StoreFigures } from "../store-run";

interface SearchRun {
  indexPerSec: number;
  sizes: Record<string, number>;
  results: { case: string; found: number; p50: number; p99: number }[];
}

const TARGET_MS = { sqlite: 10, postgres: 20 } as const;

function runSearch(db: "sqlite" | "postgres", messages: number, runs: number): Promise<SearchRun> {
  const before = new Set(existsSync("bench/results") ? readdirSync("bench/results") : []);
  return new Promise<SearchRun>((resolve, reject) => {
    const args = [...SERVER_NODE_FLAGS, "--import", "tsx", "bench/search.ts", "--db", db, "--messages", String(messages), "--runs", String(runs)];
    const proc = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    owned.children.add(proc);
    proc.stdout!.on("data", (c: Buffer) => status(`search (${db}): ${c.toString().trim().split("\n").at(-1)}`));
    proc.on("exit", (code) => {
      owned.children.delete(proc);
      if (code !== 0) return reject(new Error(`search.ts exited ${code}`));
      const file = readdirSync("bench/results").filter((f) => f.startsWith(`search-${db}-`) && !before.has(f)).sort().at(-1)!;
      resolve(JSON.parse(readFileSync(path.join("bench/results", file), "utf8")) as SearchRun);
    });
  });
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

function rowOf(run: SearchRun, messages: number): Row {
  const row: Row = {};
  for (const r of run.results) row[r.case] = `p50 ${r.p50.toFixed(2)} / p99 ${r.p99.toFixed(2)} ms (${r.found} found)`;
  const perMillion = 1_000_000 / messages;
  row.index = `built at ${Math.round(run.indexPerSec).toLocaleString("en")} msg/s; per million messages ${Object.entries(run.sizes)
    .map(([name, bytes]) => `${name} ${mb(Number(bytes) * perMillion)}`)
    .join(", ")}`;
  return row;
}

/** The store alone without and with the indexer beside it: throughput ratio and freshness. */
async function indexerCost(db: StoreFigures["db"], seconds: number): Promise<{ row: string; ratio: number; freshP99: number }> {
  status(`search (${db}): the store alone, without the indexer`);
  const plain = await runStore(db, seconds);
  status(`search (${db}): the store alone, with the indexer`);
  const indexed = await runStore(db, seconds, { indexer: true });
  const ratio = indexed.ackedPerSec / plain.ackedPerSec;
  const freshP99 = indexed.freshP99Ms ?? Infinity;
  const fresh = `freshness p50 ${(indexed.freshP50Ms ?? NaN).toFixed(0)} / p99 ${freshP99.toFixed(0)} ms`;
  return { row: `${Math.round(indexed.ackedPerSec).toLocaleString("en")} msg/s with the indexer against ${Math.round(plain.ackedPerSec).toLocaleString("en")} without (${ratio.toFixed(2)}x); ${fresh}`, ratio, freshP99 };
}

export async function search(): Promise<Result> {
  const messages = options.quick ? 100_000 : 1_000_000;
  const runs = options.quick ? 100 : 300;
  const sqlite = await runSearch("sqlite", messages, runs);
  const postgres = await runSearch("postgres", messages, runs);
  const costs = { sqlite: await indexerCost("sqlite", options.quick ? 5 : 10), postgres: await indexerCost("postgres", options.quick ? 5 : 10) };
  status("");
  const worst = (run: SearchRun) => Math.max(...run.results.map((r) => r.p99));
  const app: Row = {};
  for (const [db, run, cost] of [["SQLite", sqlite, costs.sqlite], ["PostgreSQL", postgres, costs.postgres]] as const) {
    for (const [key, value] of Object.entries(rowOf(run, messages))) app[`${db} ${key}`] = value;
    app[`${db} store with indexer`] = cost.row;
  }
  const indexerMet = Object.values(costs).every((c) => c.ratio >= 0.9 && c.freshP99 < 1000);
  return {
    scenario: "search",
    load: `searchMessages over ${messages.toLocaleString("en")} messages in 200 rooms, the user a member of 150, ${runs} runs per query form (in-process, server-side)`,
    app: { ...app, sqliteWorstP99: worst(sqlite), postgresWorstP99: worst(postgres) },
    target: `every query form's p99 <= ${TARGET_MS.sqlite} ms on SQLite and <= ${TARGET_MS.postgres} ms on PostgreSQL; the store alone with the indexer >= 0.9x without it, freshness p99 < 1 s`,
    met: worst(sqlite) <= TARGET_MS.sqlite && worst(postgres) <= TARGET_MS.postgres && indexerMet,
    note: options.quick ? "quick mode: 100,000 messages" : undefined,
  };
}
