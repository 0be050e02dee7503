import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testDatabase } from "../helpers/template-db";
import { useInProcessDatabase } from "../helpers/in-process-db";

// lib/server/db/prepared.ts on a real database of the provider under test: a query compiled once
// answers each call with that call's values, and a value the builder computed with is refused.
describe(`prepared queries (${testDatabase})`, () => {
  let database: { remove: () => Promise<void> };
  let db: typeof import("@/lib/server/db/database");
  let prepared: typeof import("@/lib/server/db/prepared");
  let rows: typeof import("@/lib/server/db/json-rows");
  let dates: typeof import("@/lib/server/db/dates");

  before(async () => {
    database = await useInProcessDatabase("chat-prepared-");
    db = await import("@/lib/server/db/database");
    prepared = await import("@/lib/server/db/prepared");
    rows = await import("@/lib/server/db/json-rows");
    dates = await import("@/lib/server/db/dates");
    const ids = ["a", "b", "c"];
    await db.writeTransaction((tx) => tx.insertInto("EndedSession").values(ids.map((id) => ({ id, endedAt: dates.storedDate() }))).execute());
  });

  after(async () => {
    await db.disconnectDb();
    await database.remove();
  });

  it("binds each call's values into the statement compiled on the first call, constants kept", async () => {
    let builds = 0;
    const select = prepared.prepare((k, v: { ids: string; limit: number }) => {
      builds++;
      return k
        .selectFrom("EndedSession")
        .select("id")
        .where("id", "in", rows.jsonList<string>(v.ids, "text"))
        .where("id", "!=", "c")
        .orderBy("id")
        .limit(v.limit);
    });
    const reader = await db.reader();
    assert.deepEqual(await select(reader, { ids: JSON.stringify(["a", "b", "c"]), limit: 5 }), [{ id: "a" }, { id: "b" }]);
    assert.deepEqual(await select(reader, { ids: JSON.stringify(["b"]), limit: 5 }), [{ id: "b" }]);
    assert.deepEqual(await select(reader, { ids: JSON.stringify(["a", "b"]), limit: 1 }), [{ id: "a" }]);
    assert.equal(builds, 1, "built once");
    const inTransaction = await db.writeTransaction((tx) => select(tx, { ids: JSON.stringify(["c", "a"]), limit: 5 }));
    assert.deepEqual(inTransaction, [{ id: "a" }], "a transaction runs the same statement");
  });

  it("refuses a builder that computes with a value instead of placing it", async () => {
    const select = prepared.prepare((k, v: { id: string }) => k.selectFrom("EndedSession").select("id").where("id", "=", String(v.id)));
    await assert.rejects(select(await db.reader(), { id: "a" }), /value "id" was not placed as a parameter/);
  });
});
