// Where a history page's allocations come from, stage by stage: the driver alone (better-sqlite3,
// rows as objects and as arrays), the page's Kysely query (lib/server/messages/message-page.ts:
// building, compiling and running it) and the app's listMessages (the page's queries plus the
// mapping to wire messages).
// Usage: node --import tsx bench/history-stages.ts [--messages N] [--calls N]
import Database from "better-sqlite3";
import { measureAllocation } from "./allocation";
import { fillHistoryDb } from "./history-fill";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CALLS = arg("calls", 2_000);
const filled = fillHistoryDb(arg("messages", 1_000_000));

async function main() {
  // Imported once the environment names the filled database.
  const { listMessages } = await import("@/lib/server/messages/messages");
  const { messageQuery } = await import("@/lib/server/messages/message-page");
  const { disconnectDb, reader } = await import("@/lib/server/db/database");
  const db = await reader();
  const room = { id: filled.big, slug: "big" };
  const pageQuery = (before: number) => messageQuery(db, room.id).where("m.seq", "<", before).orderBy("m.seq", "desc").limit(50);
  // listMessages' statement for a page before a seq, as Kysely compiles it for SQLite.
  const PAGE = pageQuery(0).compile().sql;
  const driver = new Database(filled.dbFile, { readonly: true });
  const objects = driver.prepare(PAGE);
  const arrays = driver.prepare(PAGE).raw();
  const pages = [
    { page: "latest", before: Number.MAX_SAFE_INTEGER, listBefore: undefined },
    { page: "deep", before: 500_000, listBefore: 500_000 },
  ];
  const rows = [];
  for (const { page, before, listBefore } of pages) {
    const stages = {
      "driver, rows as objects": async () => objects.all(room.id, before, 50),
      "driver, rows as arrays": async () => arrays.all(room.id, before, 50),
      "Kysely, the page query alone": () => pageQuery(before).execute(),
      "listMessages (all of it)": () => listMessages({ room, before: listBefore, limit: 50 }),
    };
    for (const [stage, run] of Object.entries(stages)) {
      for (let i = 0; i < 200; i++) await run();
      const a = await measureAllocation(run, CALLS);
      rows.push({ page, stage, "KB per call": (a.bytesPerCall / 1024).toFixed(1), "scavenges per 1,000 calls": a.scavengesPer1000.toFixed(1) });
    }
  }
  driver.close();
  await disconnectDb();
  console.table(rows);
  filled.remove();
}

await main();
