import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testDatabase } from "../helpers/template-db";
import { useInProcessDatabase } from "../helpers/in-process-db";

// History pages (lib/server/messages/message-page.ts) and the handshake's user read. A page's
// messages must be exactly what findMessage makes of the same rows: ids, dates, authors,
// reactions, reply previews, mentions (from MessageMention), edits and deletions, on either provider.
describe(`pages agree with single reads, user reads with the schema (${testDatabase})`, () => {
  let database: { remove: () => Promise<void> };
  let data: typeof import("@/lib/server/messages/messages");
  let users: typeof import("@/lib/server/users/session-users");
  let db: typeof import("@/lib/server/db/database");
  let storedDate: typeof import("@/lib/server/db/dates").storedDate;
  const room = { id: 0, slug: "raw-reads" };
  const quiet = { id: 0, slug: "raw-reads-quiet" };
  let sendMessage: typeof import("@/lib/server/messages/send-message").sendMessage;
  const ids = { alice: 0, bob: 0, carol: 0 };

  before(async () => {
    database = await useInProcessDatabase("chat-raw-reads-");
    db = await import("@/lib/server/db/database");
    ({ storedDate } = await import("@/lib/server/db/dates"));
    data = await import("@/lib/server/messages/messages");
    users = await import("@/lib/server/users/session-users");
    ({ sendMessage } = await import("@/lib/server/messages/send-message"));
    const { reactToMessage } = await import("@/lib/server/messages/react-to-message");
    const { editMessage } = await import("@/lib/server/messages/edit-message");
    const { deleteMessage } = await import("@/lib/server/messages/delete-message");
    const { parseMentions } = await import("@/lib/shared/protocol");
    const found = await (await db.reader()).selectFrom("User").select(["id", "username"]).execute();
    for (const u of found) if (u.username in ids) ids[u.username as keyof typeof ids] = u.id;
    await db.writeTransaction(async (tx) => {
      const now = storedDate();
      const create = async (slug: string, name: string, members: number[]) => {
        const { id } = await tx.insertInto("Room").values({ slug, name, createdAt: now, updatedAt: now }).returning("id").executeTakeFirstOrThrow();
        await tx.insertInto("Member").values(members.map((userId) => ({ roomId: id, userId, joinedAt: now }))).execute();
        return id;
      };
      room.id = await create(room.slug, "Raw reads", [ids.alice, ids.bob]);
      quiet.id = await create(quiet.slug, "Quiet", [ids.alice]);
    });
    const author = { id: ids.alice, username: "alice", name: "Alice" };
    const long = `${"é🙂".repeat(100)} long enough to be cut in its preview`;
    const texts = Array.from({ length: 30 }, (_, i) => (i % 7 === 3 ? `hello @bob and @carol, number ${i}` : i === 5 ? long : `plain ${i}`));
    for (const [i, text] of texts.entries()) {
      const replyTo = i === 10 ? 6 : i === 12 ? 8 : i === 20 ? 4 : undefined;
      await sendMessage({ room, author, text, clientId: `raw-${i}`, replyTo, mentions: parseMentions(text) });
    }
    await reactToMessage({ room, seq: 2, userId: ids.bob, emoji: "👍", on: true });
    await reactToMessage({ room, seq: 2, userId: ids.alice, emoji: "🎉", on: true });
    await reactToMessage({ room, seq: 2, userId: ids.alice, emoji: "👍", on: true });
    await editMessage({ room, seq: 4, userId: ids.alice, text: "edited, now for @bob", mentions: ["bob"] });
    await deleteMessage({ room, seq: 8, userId: ids.alice });
  });

  after(async () => {
    await db.disconnectDb();
    await database.remove();
  });

  it("pages hold exactly the messages findMessage reads", async () => {
    const page = await data.listMessages({ room, limit: 100 });
    assert.deepEqual(page.map((m) => m.seq), Array.from({ length: 30 }, (_, i) => i + 1));
    for (const message of page) assert.deepEqual(message, await data.findMessage({ room, seq: message.seq }), `seq ${message.seq}`);
    const withAll = page.filter((m) => m.reactions.length > 0 || m.replyTo !== null || m.editedAt !== null || m.deletedAt !== null);
    assert.equal(withAll.length, 6, "the reacted, edited, deleted and replying messages are among them");
    assert.deepEqual(page[1]!.reactions.map((r) => [r.emoji, r.users.map((u) => u.username)]), [["👍", ["bob", "alice"]], ["🎉", ["alice"]]]);
    assert.equal(page[12]!.replyTo?.deleted, true, "a reply to a deleted message says so");
    assert.deepEqual(page[10]!.mentions, ["bob", "carol"]);
    assert.deepEqual(page[3]!.mentions, ["bob"], "an edit's mentions replace the sent ones");
  });

  it("a message just sent looks as it reads back, its mentions in the same order", async () => {
    const author = { id: ids.alice, username: "alice", name: "Alice" };
    const text = "@carol, then @bob";
    const sent = await sendMessage({ room: quiet, author, text, clientId: "raw-order", mentions: ["carol", "bob"] });
    assert.deepEqual(sent.message.mentions, ["bob", "carol"]);
    assert.deepEqual(sent.message, await data.findMessage({ room: quiet, seq: sent.message.seq }));
    const retried = await sendMessage({ room: quiet, author, text, clientId: "raw-order", mentions: ["carol", "bob"] });
    assert.deepEqual(retried, { message: sent.message, created: false });
  });

  it("pages before a seq and after one", async () => {
    assert.deepEqual((await data.listMessages({ room, before: 10, limit: 5 })).map((m) => m.seq), [5, 6, 7, 8, 9]);
    assert.deepEqual((await data.listMessages({ room, since: 25, limit: 3 })).map((m) => m.seq), [26, 27, 28]);
    assert.deepEqual(await data.listMessages({ room, before: 1, limit: 5 }), []);
  });

  it("reads dates stored in SQLite's own CURRENT_TIMESTAMP form as UTC", { skip: testDatabase === "postgres" }, async () => {
    await db.writeTransaction((tx) =>
      tx.insertInto("Message").values({ roomId: room.id, seq: 31, authorId: ids.bob, clientId: "raw-sql", text: "stored by SQL", createdAt: "2026-01-02 03:04:05" }).execute(),
    );
    const [message] = await data.listMessages({ room, since: 30, limit: 1 });
    assert.equal(message?.createdAt, "2026-01-02T03:04:05.000Z");
    assert.deepEqual(message, await data.findMessage({ room, seq: 31 }));
  });

  it("reads the users opening sockets, their rooms and session versions, however many at once", async () => {
    const strangers = Array.from({ length: 1200 }, (_, i) => 1_000_000 + i);
    const found = await users.listSessionUsers({ ids: [ids.alice, ids.bob, ids.carol, ids.alice, ...strangers] });
    assert.deepEqual([...found.keys()].sort(), [ids.alice, ids.bob, ids.carol].sort());
    const reader = await db.reader();
    for (const [id, entry] of found) {
      const user = await reader.selectFrom("User").select(["username", "name", "sessionVersion"]).where("id", "=", id).executeTakeFirstOrThrow();
      const rooms = await reader.selectFrom("Member").innerJoin("Room", "Room.id", "Member.roomId").select(["Room.id", "Room.slug"]).where("Member.userId", "=", id).execute();
      assert.deepEqual(entry.user, { id, username: user.username, name: user.name });
      assert.equal(entry.sessionVersion, user.sessionVersion);
      assert.deepEqual({ ...entry.rooms }, Object.fromEntries(rooms.map((r) => [r.slug, r.id])));
    }
    assert.equal(found.get(ids.alice)?.rooms[room.slug], room.id);
    assert.equal((await users.listSessionUsers({ ids: [] })).size, 0);
  });

  it("classifies node-postgres' own errors: a terminated connection is an outage, a syntax error is not", { skip: testDatabase !== "postgres" }, async () => {
    const { isDatabaseUnavailable } = await import("@/lib/server/db/db-errors");
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    client.on("error", () => undefined);
    await client.connect();
    const syntax = await client.query("SELEC 1").then(() => null, (e: unknown) => e);
    const terminated = await client.query("SELECT pg_terminate_backend(pg_backend_pid())").then(() => null, (e: unknown) => e);
    await client.end().catch(() => undefined);
    assert.equal((terminated as { code?: string }).code, "57P01");
    assert.ok(isDatabaseUnavailable(terminated));
    assert.ok(syntax && !isDatabaseUnavailable(syntax));
  });

  it("leaves out disabled users", async () => {
    await db.writeTransaction((tx) => tx.updateTable("User").set({ disabledAt: storedDate(), updatedAt: storedDate() }).where("id", "=", ids.carol).execute());
    assert.deepEqual([...(await users.listSessionUsers({ ids: [ids.carol, ids.bob] })).keys()], [ids.bob]);
  });
});
