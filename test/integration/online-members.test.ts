import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { copyTemplate, freshPostgres, testDatabase } from "../helpers/template-db";

// Who is online in a room is asked with every online user's id: thousands on a busy server,
// more than one query may bind on SQLite. The data function is exercised directly, on a real database.
describe("filterMembers with thousands of ids", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "chat-members-"));
  let drop = async () => {};
  let filterMembers: typeof import("@/lib/data/members").filterMembers;
  let disconnectDb: typeof import("@/lib/db").disconnectDb;
  let roomId = 0;
  const memberIds: number[] = [];
  const strangerIds: number[] = [];

  before(async () => {
    if (testDatabase === "postgres") {
      const db = await freshPostgres();
      drop = db.drop;
      process.env.DATABASE_URL = db.url;
    } else {
      process.env.DATABASE_URL = `file:${copyTemplate(dir)}`;
    }
    process.env.DATA_DIR = dir;
    process.env.LOG_LEVEL = "silent";
    ({ filterMembers } = await import("@/lib/data/members"));
    const { writeTransaction } = await import("@/lib/db");
    ({ disconnectDb } = await import("@/lib/db"));
    await writeTransaction(async (tx) => {
      roomId = (await tx.room.create({ data: { slug: "crowd", name: "Crowd" } })).id;
      const users = Array.from({ length: 2600 }, (_, i) => ({ username: `u${i}`, name: `User ${String(i).padStart(4, "0")}`, passwordHash: "x" }));
      await tx.user.createMany({ data: users });
      const created = await tx.user.findMany({ where: { username: { startsWith: "u" } }, select: { id: true, username: true } });
      for (const u of created) (Number(u.username.slice(1)) % 2 === 0 ? memberIds : strangerIds).push(u.id);
      await tx.member.createMany({ data: memberIds.map((userId) => ({ roomId, userId })) });
    });
  });

  after(async () => {
    await disconnectDb();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("returns exactly the members among 2,600 ids, sorted by name", async () => {
    const online = await filterMembers({ roomId, userIds: [...strangerIds, ...memberIds] });
    assert.equal(online.length, memberIds.length);
    assert.deepEqual(new Set(online.map((u) => u.id)), new Set(memberIds));
    const names = online.map((u) => u.name);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
  });
});
