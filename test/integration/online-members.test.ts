import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { useInProcessDatabase } from "../helpers/in-process-db";

// Who is online in a room is asked with every online user's id: thousands on a busy server,
// more than one query may bind on SQLite. The data function is exercised directly, on a real database.
describe("filterMembers with thousands of ids", () => {
  let database: { remove: () => Promise<void> };
  let filterMembers: typeof import("@/lib/server/rooms/members").filterMembers;
  let disconnectDb: typeof import("@/lib/server/db/database").disconnectDb;
  let roomId = 0;
  const memberIds: number[] = [];
  const strangerIds: number[] = [];

  before(async () => {
    database = await useInProcessDatabase("chat-members-");
    ({ filterMembers } = await import("@/lib/server/rooms/members"));
    const { writeTransaction } = await import("@/lib/server/db/database");
    const { storedDate } = await import("@/lib/server/db/dates");
    ({ disconnectDb } = await import("@/lib/server/db/database"));
    const now = storedDate();
    const stamps = { createdAt: now, updatedAt: now };
    await writeTransaction(async (tx) => {
      roomId = (await tx.insertInto("Room").values({ slug: "crowd", name: "Crowd", ...stamps }).returning("id").executeTakeFirstOrThrow()).id;
      const users = Array.from({ length: 2600 }, (_, i) => ({ username: `u${i}`, name: `User ${String(i).padStart(4, "0")}`, passwordHash: "x", ...stamps }));
      // In parts of 1,000: each user binds five values, and a statement's parameters are bounded.
      for (let i = 0; i < users.length; i += 1000) {
        const created = await tx.insertInto("User").values(users.slice(i, i + 1000)).returning(["id", "username"]).execute();
        for (const u of created) (Number(u.username.slice(1)) % 2 === 0 ? memberIds : strangerIds).push(u.id);
      }
      await tx.insertInto("Member").values(memberIds.map((userId) => ({ roomId, userId, joinedAt: now }))).execute();
    });
  });

  after(async () => {
    await disconnectDb();
    await database.remove();
  });

  it("returns exactly the members among 2,600 ids, sorted by name", async () => {
    const online = await filterMembers({ roomId, userIds: [...strangerIds, ...memberIds] });
    assert.equal(online.length, memberIds.length);
    assert.deepEqual(new Set(online.map((u) => u.id)), new Set(memberIds));
    const names = online.map((u) => u.name);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
  });
});
