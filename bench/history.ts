// History at scale: how long the newest page, a deep page and a catch-up page take to read from
// a room holding 1,000,000 messages, next to an empty room, through the app's own pages
// (readMessagePage: listMessages cut at the byte budget, as the socket handlers read them).
// Usage: node --import tsx bench/history.ts [--messages N] [--runs N]
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { measureAllocation } from "./allocation";
import { fillHistoryDb, type HistoryDb } from "./history-fill";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MESSAGES = arg("messages", 1_000_000);
const RUNS = arg("runs", 2_000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

let filled: HistoryDb | undefined;

async function main() {
  const ids = fillHistoryDb(MESSAGES);
  filled = ids;
  const { readMessagePage: listMessages } = await import("@/lib/server/messages/bounded-page");
  const { disconnectDb } = await import("@/lib/server/db/database");
  const big = { id: ids.big, slug: "big" };
  // Halfway down, whatever the room's size (500,000 in the full run).
  const half = Math.floor(MESSAGES / 2);
  const cases = [
    { name: "newest page (50), 1M room", run: () => listMessages({ room: big, limit: 50 }) },
    { name: `deep page (50 before seq ${half.toLocaleString("en")})`, run: () => listMessages({ room: big, before: half, limit: 50 }) },
    { name: "oldest page (50 before seq 51)", run: () => listMessages({ room: big, before: 51, limit: 50 }) },
    { name: "catch-up (since seq N-100)", run: () => listMessages({ room: big, since: MESSAGES - 100, limit: 1000 }) },
    { name: "newest page, empty room", run: () => listMessages({ room: { id: ids.empty, slug: "empty" }, limit: 50 }) },
  ];
  const results = [];
  for (const c of cases) {
    for (let i = 0; i < 50; i++) await c.run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await c.run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    // Load-proof figures beside the timings: garbage per call and the collections it causes.
    const allocation = await measureAllocation(c.run, RUNS);
    results.push({ case: c.name, runs: RUNS, p50: percentile(times, 50), p99: percentile(times, 99), max: times.at(-1)!, ...allocation });
  }
  await disconnectDb();
  console.table(
    results.map((r) => ({
      case: r.case,
      "p50 ms": r.p50.toFixed(3),
      "p99 ms": r.p99.toFixed(3),
      "max ms": r.max.toFixed(3),
      "KB/call": (r.bytesPerCall / 1024).toFixed(1),
      "scavenges/1k": r.scavengesPer1000.toFixed(1),
    })),
  );
  const outDir = path.join(process.cwd(), "bench", "results");
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `history-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify({ messages: MESSAGES, node: process.version, results }, null, 2));
  console.log(`raw figures: ${path.relative(process.cwd(), file)}`);
  ids.remove();
}

process.on("SIGINT", () => {
  filled?.remove();
  process.exit(130);
});

await main();
