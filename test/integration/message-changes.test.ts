import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Ack, ChatMessage, MessageSendResult } from "@/lib/shared/protocol";
import { call, clientId, connectAs, until, type TestSocket } from "../helpers/client";
import { queryDatabase } from "../helpers/db-query";
import { startServer, type TestServer } from "../helpers/server";

describe("message edits, deletes, reactions and replies", () => {
  let server: TestServer;
  let alice: TestSocket;
  let bob: TestSocket;
  const updatesAtBob: ChatMessage[] = [];

  before(async () => {
    // Hundreds of sends and reactions from a few users, faster than any person: limits raised.
    server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
    [alice, bob] = await Promise.all([connectAs(server.url, "alice"), connectAs(server.url, "bob")]);
    for (const socket of [alice, bob]) assert.equal((await call(socket, "room:join", { room: "lobby" })).ok, true);
    bob.on("message:updated", (m) => updatesAtBob.push(m));
  });
  after(async () => {
    for (const socket of [alice, bob]) socket.close();
    await server.stop();
  });

  async function send(socket: TestSocket, text: string, replyTo?: number): Promise<ChatMessage> {
    const res = await call(socket, "message:send", { room: "lobby", text, clientId: clientId(), replyTo });
    assert.ok(res.ok, JSON.stringify(res));
    return res.message;
  }

  it("lets the author edit, broadcasts the whole message with a new rev, and refuses others", async () => {
    const original = await send(alice, "first draft");
    assert.equal(original.rev, 0);
    assert.equal(original.editedAt, null);
    const edited = await call(alice, "message:edit", { room: "lobby", seq: original.seq, text: "  final text  " });
    assert.ok(edited.ok);
    assert.equal(edited.message.text, "final text");
    assert.ok(edited.message.rev > 0);
    assert.ok(edited.message.editedAt);
    await until(bob, () => updatesAtBob.some((m) => m.seq === original.seq && m.rev === edited.message.rev), "bob's update");
    assert.deepEqual(updatesAtBob.find((m) => m.seq === original.seq), edited.message);

    const byBob = await call(bob, "message:edit", { room: "lobby", seq: original.seq, text: "hijacked" });
    assert.ok(!byBob.ok);
    assert.equal(byBob.error.code, "forbidden");
    const missing = await call(alice, "message:edit", { room: "lobby", seq: 999_999, text: "x" });
    assert.ok(!missing.ok);
    assert.equal(missing.error.code, "not_found");
    for (const bad of [{ room: "lobby", seq: original.seq, text: "   " }, { room: "lobby", seq: 0, text: "x" }, { room: "lobby", text: "x" }]) {
      const res = await call(alice, "message:edit", bad);
      assert.ok(!res.ok);
      assert.equal(res.error.code, "invalid");
    }
    const history = await call(bob, "message:history", { room: "lobby", before: original.seq + 1, limit: 1 });
    assert.ok(history.ok);
    assert.equal(history.messages[0]?.text, "final text");
  });

  it("deletes as a tombstone, author only, and removes the text from storage", async () => {
    const message = await send(bob, "regrettable words");
    await call(alice, "message:react", { room: "lobby", seq: message.seq, emoji: "👍", on: true });
    const byAlice = await call(alice, "message:delete", { room: "lobby", seq: message.seq });
    assert.ok(!byAlice.ok);
    assert.equal(byAlice.error.code, "forbidden");
    const deleted = await call(bob, "message:delete", { room: "lobby", seq: message.seq });
    assert.ok(deleted.ok);
    assert.equal(deleted.message.text, "");
    assert.ok(deleted.message.deletedAt);
    assert.deepEqual(deleted.message.reactions, []);
    const again = await call(bob, "message:delete", { room: "lobby", seq: message.seq });
    assert.ok(again.ok);
    assert.equal(again.message.rev, deleted.message.rev, "deleting twice takes no new revision");
    const edit = await call(bob, "message:edit", { room: "lobby", seq: message.seq, text: "back" });
    assert.ok(!edit.ok);
    assert.equal(edit.error.code, "not_found");
    const rows = await queryDatabase<{ text: string }>(server.databaseUrl, `SELECT "text" FROM "Message" WHERE "text" LIKE '%regrettable%'`);
    assert.equal(rows.length, 0);
  });

  it("toggles reactions idempotently, with counts and who reacted", async () => {
    const message = await send(alice, "react to me");
    const on = await call(bob, "message:react", { room: "lobby", seq: message.seq, emoji: "🎉", on: true });
    assert.ok(on.ok);
    assert.deepEqual(on.message.reactions, [{ emoji: "🎉", users: [on.message.reactions[0]!.users[0]!] }]);
    assert.equal(on.message.reactions[0]!.users[0]!.username, "bob");
    const twice = await call(bob, "message:react", { room: "lobby", seq: message.seq, emoji: "🎉", on: true });
    assert.ok(twice.ok);
    assert.equal(twice.message.rev, on.message.rev);
    assert.equal(twice.message.reactions[0]!.users.length, 1);
    const alsoAlice = await call(alice, "message:react", { room: "lobby", seq: message.seq, emoji: "🎉", on: true });
    assert.ok(alsoAlice.ok);
    assert.deepEqual(alsoAlice.message.reactions[0]!.users.map((u) => u.username), ["bob", "alice"]);
    const off = await call(bob, "message:react", { room: "lobby", seq: message.seq, emoji: "🎉", on: false });
    assert.ok(off.ok);
    assert.deepEqual(off.message.reactions[0]!.users.map((u) => u.username), ["alice"]);
    const offAgain = await call(bob, "message:react", { room: "lobby", seq: message.seq, emoji: "🎉", on: false });
    assert.ok(offAgain.ok);
    assert.equal(offAgain.message.rev, off.message.rev);
    for (const emoji of ["", "ab", "👍👍", "a", " 👍", "x".repeat(40), "\u0007"]) {
      const res = await call(bob, "message:react", { room: "lobby", seq: message.seq, emoji, on: true });
      assert.ok(!res.ok, `accepted ${JSON.stringify(emoji)}`);
      assert.equal(res.error.code, "invalid");
    }
    for (const emoji of ["👨‍👩‍👧", "🇫🇷", "👍🏽", "❤️"]) {
      assert.ok((await call(bob, "message:react", { room: "lobby", seq: message.seq, emoji, on: true })).ok, emoji);
    }
  });

  it("replies carry a preview of their parent; a missing parent is not_found", async () => {
    const parent = await send(bob, "the question");
    const reply = await send(alice, "the answer", parent.seq);
    assert.deepEqual(reply.replyTo, { seq: parent.seq, author: parent.author, excerpt: "the question", deleted: false });
    const missing = await call(alice, "message:send", { room: "lobby", text: "orphan", clientId: clientId(), replyTo: 999_999 });
    assert.ok(!missing.ok);
    assert.equal(missing.error.code, "not_found");
    await call(bob, "message:delete", { room: "lobby", seq: parent.seq });
    const history = await call(alice, "message:history", { room: "lobby", before: reply.seq + 1, limit: 1 });
    assert.ok(history.ok);
    assert.deepEqual(history.messages[0]?.replyTo, { seq: parent.seq, author: parent.author, excerpt: null, deleted: true });
  });

  it("keeps non-members out", async () => {
    const carol = await connectAs(server.url, "carol");
    try {
      const created = await call(alice, "room:create", { name: "Secret", visibility: "private" });
      assert.ok(created.ok);
      const res = await call(alice, "message:send", { room: created.room.slug, text: "hidden", clientId: clientId() });
      assert.ok(res.ok);
      for (const [event, payload] of [
        ["message:edit", { text: "x" }],
        ["message:delete", {}],
        ["message:react", { emoji: "👍", on: true }],
      ] as const) {
        const denied: Ack<MessageSendResult> = await call(carol, event, { room: created.room.slug, seq: res.message.seq, ...payload });
        assert.ok(!denied.ok);
        assert.equal(denied.error.code, "forbidden");
      }
    } finally {
      carol.close();
    }
  });
});
