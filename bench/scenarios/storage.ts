// Stored messages per second: closed-loop senders in rooms of 10, counted in the database afterwards.
// The send rate is capped per sender so the server's per-user rate limit is never what refuses them.
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { options, status } from "../cli";
import { againstBaseline, withServer } from "../compare";
import { meter } from "../process-stats";
import type { Result, Row } from "../result";
import { layout } from "../room-load";
import type { Kind, Target } from "../servers";
import { runStore } from "../store-run";

// 2,400 senders at up to 5 msg/s each can offer 12,000 msg/s while every user stays at half its
// `message:send` rate limit (10 msg/s sustained).
const CLIENTS = 2400;
const WINDOW = 2;
const MAX_RATE = 5;

function countStored(target: Target): number {
  if (!target.dbFile) return NaN;
  const db = new Database(target.dbFile, { readonly: true });
  const n = (db.prepare(`SELECT count(*) AS n FROM "Message"`).get() as { n: number }).n;
  db.close();
  return n;
}

function flood(kind: Kind, seconds: number): Promise<Row> {
  return withServer(kind, CLIENTS, layout(CLIENTS, 10).rooms, async ({ target, load, cookies }) => {
    const { specs } = layout(CLIENTS, 10, cookies);
    await load.connect(specs);
    await load.join();
    const stop = meter(target.proc.pid!);
    const started = performance.now();
    const ticker = setInterval(() => status(`${kind} storage: ${Math.max(0, seconds - (performance.now() - started) / 1000).toFixed(0)} s left`), 1000);
    const r = await load.flood(specs.map((s) => s.id), WINDOW, MAX_RATE, seconds * 1000);
    clearInterval(ticker);
    status("");
    const elapsed = (performance.now() - started) / 1000;
    const m = stop();
    return { acked: r.acksOk, ackErrors: r.acksFailed, stored: countStored(target), seconds: elapsed, ackedPerSec: r.acksOk / elapsed, cpuSeconds: m.cpuSeconds, peakRssMB: m.peakRss / 2 ** 20 };
  });
}

export async function storage(): Promise<Result> {
  const seconds = options.quick ? 5 : 15;
  const { baseline, app } = await againstBaseline((kind) => flood(kind, seconds));
  // The store alone (bench/store.ts): sendMessage in process, no sockets in the way.
  status("storage: the store alone on SQLite");
  const sqlite = await runStore("sqlite", seconds);
  status("storage: the store alone on PostgreSQL");
  const postgres = await runStore("postgres", seconds);
  status("");
  Object.assign(app, {
    storeSqlitePerSec: sqlite.ackedPerSec,
    storeSqliteCpuUs: (sqlite.cpuSeconds * 1e6) / sqlite.acked,
    storeSqliteLost: sqlite.acked - sqlite.stored,
    storePostgresPerSec: postgres.ackedPerSec,
    storePostgresLost: postgres.acked - postgres.stored,
  });
  return {
    scenario: "storage",
    load: `${CLIENTS} clients in rooms of 10, each keeping ${WINDOW} sends outstanding at most ${MAX_RATE} msg/s (closed loop), ${seconds} s, over sockets on SQLite; then the store alone in process on SQLite and PostgreSQL`,
    app,
    baseline,
    target: ">= 10,000 stored msg/s on SQLite, 5,000 on PostgreSQL",
    met: sqlite.ackedPerSec >= 10_000 && postgres.ackedPerSec >= 5_000 && sqlite.acked === sqlite.stored && postgres.acked === postgres.stored && app.stored === app.acked,
    note: "acked = acknowledged after the group commit; stored = rows counted in the database afterwards; met is judged on the store alone (in process); the socket figure is end to end, with the load generator on the same 2 cores",
  };
}
