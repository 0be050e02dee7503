// Search at scale (issue 15): newest-first search over 1,000,000 messages in 200 rooms, the
// searching user a member of 150, through the app's own searchMessages, in process (server side).
// Reports each query form's p50/p99, how fast the indexer built the index, and each index's size.
// Usage: node --import tsx bench/search.ts --db sqlite|postgres [--messages N] [--runs N]
// Prints the table, writes bench/results/search-<db>-<time>.json.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fillCorpus, indexSizes } from "./search-fill";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const DB = arg("db", "sqlite");
const MESSAGES = Number(arg("messages", "1000000"));
const RUNS = Number(arg("runs", "300"));

// The integration tests' own fresh database (a template copy, or a new PostgreSQL database).
process.env.TEST_DATABASE = DB === "postgres" ? "postgres" : "sqlite";
const { useInProcessDatabase: freshDatabase } = await import("../test/helpers/in-process-db");
const database = await freshDatabase("chat-bench-search-");

const { reader, disconnectDb, dialect } = await import("@/lib/server/db/database");
const { indexEverything } = await import("@/lib/server/search/indexer");
const { searchMessages } = await import("@/lib/server/search/search-messages");
const { parseSearchQuery } = await import("@/lib/shared/search/search-query");

/** The query forms; each must find something in the corpus (search-fill.ts's rates). */
const CASES: [string, string][] = [
  ["common word", "release"],
  ["rare word", "zanzibar"],
  ["prefix", "deploy"],
  ["phrase", '"exact phrase"'],
  ["CJK substring", "上海"],
  ["from: plus a word", "from:@author3 release"],
  ["a word in one room", "in:#room-7 release"],
];

/** A slow query form stops after this long (and at least MIN_RUNS runs), so one case cannot take an hour. */
const CASE_BUDGET_MS = 15_000;
const MIN_RUNS = 20;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main() {
  const filled = performance.now();
  const corpus = await fillCorpus(MESSAGES, (n) => process.stdout.write(`filled ${n.toLocaleString("en")}\n`));
  console.log(`filled ${MESSAGES.toLocaleString("en")} messages in ${((performance.now() - filled) / 1000).toFixed(1)} s`);
  const indexing = performance.now();
  await indexEverything();
  const indexSeconds = (performance.now() - indexing) / 1000;
  console.log(`indexed in ${indexSeconds.toFixed(1)} s`);
  const sizes = await indexSizes(await reader(), dialect()).catch((error: unknown) => ({ error: String(error) }));
  const results = [];
  for (const [name, text] of CASES) {
    const run = () => searchMessages({ user: corpus.searcher, query: parseSearchQuery(text), limit: 20 });
    const found = (await run()).results.length;
    for (let i = 0; i < 5; i++) await run();
    const times: number[] = [];
    const started = performance.now();
    while (times.length < RUNS && (times.length < MIN_RUNS || performance.now() - started < CASE_BUDGET_MS)) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    results.push({ case: name, query: text, found, runs: times.length, p50: percentile(times, 50), p99: percentile(times, 99), max: times.at(-1)! });
  }
  await disconnectDb();
  console.table(results.map((r) => ({ case: r.case, query: r.query, found: r.found, runs: r.runs, "p50 ms": r.p50.toFixed(2), "p99 ms": r.p99.toFixed(2), "max ms": r.max.toFixed(2) })));
  console.log("index sizes (bytes):", sizes);
  const outDir = path.join(process.cwd(), "bench", "results");
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `search-${DB}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify({ db: DB, messages: MESSAGES, runs: RUNS, indexSeconds, indexPerSec: MESSAGES / indexSeconds, sizes, results }, null, 2));
  console.log(`raw figures: ${path.relative(process.cwd(), file)}`);
}

try {
  await main();
} finally {
  await database.remove();
}
