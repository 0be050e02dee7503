import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { fillRoom } from "../helpers/fill-room";
import { useInProcessDatabase } from "../helpers/in-process-db";
import { testDatabase } from "../helpers/template-db";

// The page around a message (lib/server/messages/around-page.ts) against small byte budgets, in
// process: how the budget is shared between the older half and the rest, on either provider.
describe(`pages around a message share their byte budget (${testDatabase})`, () => {
  let database: { remove: () => Promise<void> };
  let db: typeof import("@/lib/server/db/database");
  let readMessagePageAround: typeof import("@/lib/server/messages/around-page").readMessagePageAround;
  let jsonBytes: typeof import("@/lib/server/messages/wire-bytes").jsonBytes;
  const room = { id: 0, slug: "around-bytes" };
  /** The wire size of one message of the room (they differ by a few digits at most). */
  let size = 0;

  before(async () => {
    database = await useInProcessDatabase("chat-around-page-");
    db = await import("@/lib/server/db/database");
    ({ readMessagePageAround } = await import("@/lib/server/messages/around-page"));
    ({ jsonBytes } = await import("@/lib/server/messages/wire-bytes"));
    const { storedDate } = await import("@/lib/server/db/dates");
    await db.writeTransaction(async (tx) => {
      const now = storedDate();
      const created = await tx.insertInto("Room").values({ slug: room.slug, name: "Around bytes", createdAt: now, updatedAt: now }).returning("id").executeTakeFirstOrThrow();
      room.id = created.id;
    });
    await fillRoom(process.env.DATABASE_URL!, { room: room.slug, author: "alice", count: 60, text: "x".repeat(500) });
    const { findMessage } = await import("@/lib/server/messages/messages");
    size = jsonBytes(await findMessage({ room, seq: 30 }));
  });

  after(async () => {
    await db.disconnectDb();
    await database.remove();
  });

  const seqs = (messages: { seq: number }[]) => messages.map((m) => m.seq);
  const wire = (messages: unknown[]) => messages.reduce<number>((sum, m) => sum + jsonBytes(m), 0);

  it("gives the older half at most half the budget and the rest what it left, the target included", async () => {
    const maxBytes = Math.floor(10.5 * size);
    const page = await readMessagePageAround({ room, around: 30, limit: 100, maxBytes });
    const older = page.messages.filter((m) => m.seq < 30);
    assert.ok(wire(older) <= maxBytes / 2, `${older.length} older messages`);
    assert.equal(page.bytes, wire(page.messages), "bytes is what the page holds");
    assert.ok(page.bytes <= maxBytes);
    assert.deepEqual(seqs(page.messages), Array.from({ length: page.messages.length }, (_, i) => page.messages[0]!.seq + i));
    assert.ok(older.length >= 4 && older.length <= 5, `${older.length} older`);
    assert.ok(page.messages.length - older.length >= 5, "the rest takes what the older half left");
    assert.equal(page.hasMore, true);
    assert.equal(page.hasNewer, true);
  });

  it("near the end, fills the bytes the newer part left with older messages, within the budget", async () => {
    const maxBytes = Math.floor(10.5 * size);
    const page = await readMessagePageAround({ room, around: 59, limit: 100, maxBytes });
    assert.equal(page.messages.at(-1)?.seq, 60);
    assert.ok(page.messages.some((m) => m.seq === 59));
    assert.ok(page.bytes <= maxBytes + size, `${page.bytes} bytes`);
    assert.ok(page.messages.length >= 9, `${page.messages.length} messages: the older ones fill the page`);
    assert.equal(page.hasMore, true);
    assert.equal(page.hasNewer, false);
  });

  it("holds the target even when it alone is over the budget", async () => {
    const page = await readMessagePageAround({ room, around: 30, limit: 1, maxBytes: 1 });
    assert.deepEqual(seqs(page.messages), [30]);
    assert.ok(page.hasMore && page.hasNewer);
  });
});
