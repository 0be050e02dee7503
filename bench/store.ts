// The durable store alone, in process: how many messages a second the app's own sendMessage (the
// group commit of lib/server/messages/send-message.ts) stores and acknowledges, without sockets in the way.
// Clients are closed loops, each keeping `window` sends outstanding, in rooms of 10.
// With --indexer, the search indexer runs beside it and each message's freshness (ack to
// searchable) is measured (bench/freshness.ts).
// Usage: node --import tsx bench/store.ts --db sqlite|postgres [--seconds N] [--clients N] [--window N] [--indexer]
// Prints one JSON line (the figures) last; PostgreSQL is the local server (TEST_POSTGRES_URL).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { copyTemplate, freshPostgres } from "../test/helpers/template-db";
import { trackFreshness } from "./freshness";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const DB = arg("db", "sqlite");
const SECONDS = Number(arg("seconds", "5"));
const CLIENTS = Number(arg("clients", "200"));
const WINDOW = Number(arg("window", "8"));
const ROOM_SIZE = 10;
const INDEXER = process.argv.includes("--indexer");

const dataDir = mkdtempSync(path.join(tmpdir(), "chat-bench-store-"));
process.env.DATA_DIR = dataDir;
process.env.LOG_LEVEL = "silent";
const pg = DB === "postgres" ? await freshPostgres() : null;
process.env.DATABASE_URL = pg ? pg.url : `file:${copyTemplate(dataDir)}`;

const { writeTransaction, reader, disconnectDb } = await import("@/lib/server/db/database");
const { storedDate } = await import("@/lib/server/db/dates");
const { sendMessage, drainSends } = await import("@/lib/server/messages/send-message");
const { startIndexer } = await import("@/lib/server/search/indexer");

async function seed() {
  const tag = Date.now().toString(36);
  const now = storedDate();
  const stamps = { createdAt: now, updatedAt: now };
  const { users, rooms } = await writeTransaction(async (tx) => ({
    users: await tx
      .insertInto("User")
      .values(Array.from({ length: CLIENTS }, (_, i) => ({ username: `store${tag}${i}`, name: `Store ${i}`, passwordHash: "x", ...stamps })))
      .returning(["id", "username", "name"])
      .execute(),
    rooms: await tx
      .insertInto("Room")
      .values(Array.from({ length: CLIENTS / ROOM_SIZE }, (_, i) => ({ slug: `store-${tag}-${i}`, name: `Store ${i}`, ...stamps })))
      .returning(["id", "slug"])
      .execute(),
  }));
  users.sort((a, b) => a.id - b.id);
  rooms.sort((a, b) => a.id - b.id);
  const roomOf = (i: number) => rooms[Math.floor(i / ROOM_SIZE)]!;
  await writeTransaction((tx) => tx.insertInto("Member").values(users.map((u, i) => ({ roomId: roomOf(i).id, userId: u.id, joinedAt: now }))).execute());
  return users.map((u, i) => ({ author: { id: u.id, username: u.username, name: u.name }, room: { id: roomOf(i).id, slug: roomOf(i).slug } }));
}

async function messageCount(): Promise<number> {
  const db = await reader();
  return Number((await db.selectFrom("Message").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
}

async function main() {
  const clients = await seed();
  const before = await messageCount();
  const stopIndexer = INDEXER ? startIndexer() : null;
  const freshness = INDEXER ? trackFreshness(reader) : null;
  let acked = 0;
  let failed = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  const loop = async (c: (typeof clients)[number], lane: number) => {
    for (let n = 0; performance.now() < deadline; n++) {
      const r = await sendMessage({ ...c, text: `store bench ${lane}/${n}`, clientId: `s-${lane}-${n}` }).catch(() => null);
      if (r?.created) {
        acked++;
        freshness?.acked(c.room.id, r.message.seq);
      }
      else failed++;
    }
  };
  await Promise.all(clients.flatMap((c, i) => Array.from({ length: WINDOW }, (_, w) => loop(c, i * WINDOW + w))));
  await drainSends();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const stored = (await messageCount()) - before;
  const delays = (await freshness?.finish(10_000)) ?? [];
  await stopIndexer?.();
  await disconnectDb();
  if (pg) await pg.drop();
  rmSync(dataDir, { recursive: true, force: true });
  const at = (p: number) => delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))] ?? null;
  const fresh = INDEXER ? { indexer: true, freshP50Ms: at(50), freshP99Ms: at(99), freshMaxMs: delays.at(-1) ?? null, freshMeasured: delays.length } : { indexer: false };
  const result = { db: DB, clients: CLIENTS, window: WINDOW, seconds, acked, failed, stored, ackedPerSec: acked / seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, ...fresh };
  console.log(JSON.stringify(result));
}

await main();
