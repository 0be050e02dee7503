import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { testDatabase } from "../helpers/template-db";
import { useInProcessDatabase } from "../helpers/in-process-db";
import { isAppError } from "@/lib/shared/errors";

// lib/server/db/database.ts on a real database of the provider under test: the one way the app
// reads and writes, its dates, its batch tables and its errors.
describe(`the database module (${testDatabase})`, () => {
  let database: { remove: () => Promise<void> };
  let db: typeof import("@/lib/server/db/database");
  let dates: typeof import("@/lib/server/db/dates");
  let rows: typeof import("@/lib/server/db/json-rows");

  before(async () => {
    database = await useInProcessDatabase("chat-database-");
    db = await import("@/lib/server/db/database");
    dates = await import("@/lib/server/db/dates");
    rows = await import("@/lib/server/db/json-rows");
  });

  after(async () => {
    await db.disconnectDb();
    await database.remove();
  });

  it("writes a date as its provider's one text form and reads it back as the same instant", async () => {
    const endedAt = new Date("2026-12-05T18:04:05.120Z");
    await db.writeTransaction((tx) => tx.insertInto("EndedSession").values({ id: "dates", endedAt: dates.storedDate(endedAt) }).execute());
    const row = await (await db.reader()).selectFrom("EndedSession").select("endedAt").where("id", "=", "dates").executeTakeFirstOrThrow();
    assert.equal(dates.isoDate(row.endedAt), endedAt.toISOString());
    const earlier = await (await db.reader())
      .selectFrom("EndedSession")
      .select("id")
      .where("endedAt", "<", dates.storedDate(new Date("2026-12-05T18:04:05.121Z")))
      .where("id", "=", "dates")
      .execute();
    assert.equal(earlier.length, 1, "dates compare as time in SQL");
  });

  it("rolls a failed transaction back whole", async () => {
    const failing = db.writeTransaction(async (tx) => {
      await tx.insertInto("EndedSession").values({ id: "rolled-back", endedAt: dates.storedDate() }).execute();
      throw new Error("abandon");
    });
    await assert.rejects(failing, /abandon/);
    const found = await (await db.reader()).selectFrom("EndedSession").select("id").where("id", "=", "rolled-back").execute();
    assert.deepEqual(found, []);
  });

  it("reads 10,000 rows sent as one JSON parameter as a table", async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ n: i, label: `row ${i}` }));
    const reader = await db.reader();
    const summed = await reader
      .selectFrom(rows.jsonTable(JSON.stringify(many), { n: "integer", label: "text" }, "r"))
      .select([sql<number>`count(*)`.as("count"), sql<number>`sum(r.n)`.as("sum")])
      .executeTakeFirstOrThrow();
    assert.equal(Number(summed.count), 10_000);
    assert.equal(Number(summed.sum), (9_999 * 10_000) / 2);
    const users = await reader.selectFrom("User").select("username").where("id", "in", rows.jsonIds([...Array(5_000).keys()])).execute();
    assert.ok(users.length >= 3, "an IN list of 5,000 ids in one parameter");
  });

  it("answers a database that refuses the write with `unavailable`, not a driver error", { skip: testDatabase !== "sqlite" }, async () => {
    const { default: Sqlite } = await import("better-sqlite3");
    const holder = new Sqlite(process.env.DATABASE_URL!.slice("file:".length), { timeout: 0 });
    holder.exec("BEGIN IMMEDIATE");
    try {
      const error = await db
        .writeTransaction((tx) => tx.insertInto("EndedSession").values({ id: "locked", endedAt: dates.storedDate() }).execute())
        .then(() => null, (e: unknown) => e);
      // busy_timeout (5 s) passes first: the writer waits for the lock before giving up.
      assert.ok(isAppError(error) && error.code === "unavailable", `got ${String(error)}`);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
  });

  it("keeps the reader read-only", { skip: testDatabase !== "sqlite" }, async () => {
    const reader = await db.reader();
    await assert.rejects(reader.insertInto("EndedSession").values({ id: "via-reader", endedAt: dates.storedDate() }).execute());
  });

  it("refuses to reopen once shut down", async () => {
    await db.disconnectDb();
    const error = await db.reader().then(() => null, (e: unknown) => e);
    assert.ok(isAppError(error) && error.code === "unavailable");
  });
});
