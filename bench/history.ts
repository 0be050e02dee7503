// History at scale: how long the newest page, a deep page and a catch-up page take to read from
// a room holding 1,000,000 messages, next to an empty room, through the app's own listMessages.
// Usage: node --import tsx bench/history.ts [--messages N] [--runs N]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { copyTemplate } from "../test/helpers/template-db";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MESSAGES = arg("messages", 1_000_000);
const RUNS = arg("runs", 2_000);

const dataDir = mkdtempSync(path.join(tmpdir(), "chat-bench-history-"));
const dbFile = copyTemplate(dataDir);
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.DATA_DIR = dataDir;
process.env.LOG_LEVEL = "silent";

function fill(): { big: number; empty: number } {
  const db = new Database(dbFile);
  db.pragma("journal_mode = WAL");
  const now = new Date().toISOString();
  const room = db.prepare(`INSERT INTO "Room" (slug, name, visibility, lastSeq, createdAt, updatedAt) VALUES (?, ?, 'public', ?, ?, ?)`);
  const big = Number(room.run("big", "Big", MESSAGES, now, now).lastInsertRowid);
  const empty = Number(room.run("empty", "Empty", 0, now, now).lastInsertRowid);
  const insert = db.prepare(`INSERT INTO "Message" (roomId, seq, authorId, clientId, text, createdAt) VALUES (?, ?, 1, ?, ?, ?)`);
  const started = performance.now();
  db.transaction(() => {
    for (let seq = 1; seq <= MESSAGES; seq++) insert.run(big, seq, `bench-${seq}`, `message number ${seq} with some ordinary chat text in it`, now);
  })();
  console.log(`filled ${MESSAGES.toLocaleString()} messages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  db.close();
  return { big, empty };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const ids = fill();
  const { listMessages } = await import("@/lib/data/messages");
  const { disconnectDb } = await import("@/lib/db");
  const big = { id: ids.big, slug: "big" };
  const cases = [
    { name: "newest page (50), 1M room", run: () => listMessages({ room: big, limit: 50 }) },
    { name: "deep page (50 before seq 500,000)", run: () => listMessages({ room: big, before: 500_000, limit: 50 }) },
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
    results.push({ case: c.name, runs: RUNS, p50: percentile(times, 50), p99: percentile(times, 99), max: times.at(-1)! });
  }
  await disconnectDb();
  console.table(results.map((r) => ({ case: r.case, "p50 ms": r.p50.toFixed(3), "p99 ms": r.p99.toFixed(3), "max ms": r.max.toFixed(3) })));
  const outDir = path.join(process.cwd(), "bench", "results");
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `history-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify({ messages: MESSAGES, node: process.version, results }, null, 2));
  console.log(`raw figures: ${path.relative(process.cwd(), file)}`);
  rmSync(dataDir, { recursive: true, force: true });
}

process.on("SIGINT", () => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(130);
});

await main();
