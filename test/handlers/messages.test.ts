import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ChatMessage } from "@/lib/shared/protocol";
import { call, clientId, collect, until, type TestSocket } from "../helpers/client";
import { startHandlerServer, type HandlerServer } from "./handler-server";

describe("message handlers, in process", () => {
  let server: HandlerServer;
  let alice: TestSocket;
  let bob: TestSocket;
  let carol: TestSocket;
  let atBob: ChatMessage[];
  const updatesAtBob: ChatMessage[] = [];
  let secret = "";

  before(async () => {
    server = await startHandlerServer("chat-handlers-messages-");
    [alice, bob, carol] = await Promise.all([server.connectAs("alice"), server.connectAs("bob"), server.connectAs("carol")]);
    for (const socket of [alice, bob]) assert.equal((await call(socket, "room:join", { room: "lobby" })).ok, true);
    atBob = collect(bob);
    bob.on("message:updated", (m) => updatesAtBob.push(m));
    const created = await call(alice, "room:create", { name: "Secret plans", visibility: "private" });
    assert.ok(created.ok, JSON.stringify(created));
    secret = created.room.slug;
  });
  after(() => server.stop());

  async function send(socket: TestSocket, text: string, extra: { replyTo?: number; clientId?: string } = {}): Promise<ChatMessage> {
    const res = await call(socket, "message:send", { room: "lobby", text, clientId: extra.clientId ?? clientId(), replyTo: extra.replyTo });
    assert.ok(res.ok, JSON.stringify(res));
    return res.message;
  }

  it("sends: the sender's ack and the room's message:new carry the stored message, mentions and reply", async () => {
    const first = await send(alice, "hello @bob and @nobody");
    assert.equal(first.text, "hello @bob and @nobody");
    assert.equal(first.author.username, "alice");
    assert.deepEqual(first.mentions, ["bob", "nobody"]);
    const reply = await send(bob, "hi", { replyTo: first.seq });
    assert.equal(reply.seq, first.seq + 1);
    assert.equal(reply.replyTo?.seq, first.seq);
    await until(bob, () => atBob.some((m) => m.seq === reply.seq), "bob's own reply");
    assert.deepEqual(atBob.find((m) => m.seq === first.seq), first);
  });

  it("sends a retried clientId once: the same message answered, no second broadcast", async () => {
    const id = clientId("retry");
    const once = await send(alice, "only once", { clientId: id });
    const again = await send(alice, "only once", { clientId: id });
    assert.deepEqual(again, once);
    const marker = await send(alice, "after the retry");
    await until(bob, () => atBob.some((m) => m.seq === marker.seq), "the marker");
    assert.equal(atBob.filter((m) => m.clientId === id).length, 1);
  });

  it("refuses sends: invalid text, a room the user is not in (forbidden), a room that does not exist", async () => {
    const empty = await call(alice, "message:send", { room: "lobby", text: "   ", clientId: clientId() });
    assert.equal(!empty.ok && empty.error.code, "invalid");
    const intruder = await call(carol, "message:send", { room: secret, text: "let me in", clientId: clientId() });
    assert.equal(!intruder.ok && intruder.error.code, "forbidden");
    const nowhere = await call(alice, "message:send", { room: "no-such-room", text: "hello?", clientId: clientId() });
    assert.equal(!nowhere.ok && nowhere.error.code, "forbidden");
  });

  it("pages history backwards to members only", async () => {
    const sent: ChatMessage[] = [];
    for (let i = 0; i < 4; i++) sent.push(await send(alice, `page ${i}`));
    const last = sent.at(-1)!;
    const page = await call(bob, "message:history", { room: "lobby", before: last.seq, limit: 2 });
    assert.ok(page.ok, JSON.stringify(page));
    assert.deepEqual(page.messages.map((m) => m.text), ["page 1", "page 2"]);
    assert.equal(page.hasMore, true);
    const outsider = await call(carol, "message:history", { room: "lobby", before: last.seq });
    assert.equal(!outsider.ok && outsider.error.code, "forbidden");
    const bad = await call(bob, "message:history", { room: "lobby", before: 0 });
    assert.equal(!bad.ok && bad.error.code, "invalid");
  });

  it("answers the page around a message to members only, with hasNewer", async () => {
    const sent: ChatMessage[] = [];
    for (let i = 0; i < 5; i++) sent.push(await send(alice, `around ${i}`));
    const page = await call(bob, "message:history", { room: "lobby", around: sent[2]!.seq, limit: 3 });
    assert.ok(page.ok, JSON.stringify(page));
    assert.deepEqual(page.messages.map((m) => m.text), ["around 1", "around 2", "around 3"]);
    assert.equal(page.hasMore, true);
    assert.equal(page.hasNewer, true);
    const outsider = await call(carol, "message:history", { room: "lobby", around: sent[2]!.seq });
    assert.equal(!outsider.ok && outsider.error.code, "forbidden");
    const both = await call(bob, "message:history", { room: "lobby", before: sent[2]!.seq, around: sent[2]!.seq });
    assert.equal(!both.ok && both.error.code, "invalid");
  });

  it("edits: the author only, a new revision broadcast whole; not_found for a missing message", async () => {
    const original = await send(alice, "draft");
    const edited = await call(alice, "message:edit", { room: "lobby", seq: original.seq, text: " final @bob " });
    assert.ok(edited.ok, JSON.stringify(edited));
    assert.equal(edited.message.text, "final @bob");
    assert.deepEqual(edited.message.mentions, ["bob"]);
    assert.ok(edited.message.rev > original.rev && edited.message.editedAt);
    await until(bob, () => updatesAtBob.some((m) => m.seq === original.seq && m.rev === edited.message.rev), "the edit at bob");
    const byBob = await call(bob, "message:edit", { room: "lobby", seq: original.seq, text: "hijacked" });
    assert.equal(!byBob.ok && byBob.error.code, "forbidden");
    const missing = await call(alice, "message:edit", { room: "lobby", seq: 1_000_000, text: "ghost" });
    assert.equal(!missing.ok && missing.error.code, "not_found");
  });

  it("reacts (idempotently) and deletes; a deleted message takes no reaction", async () => {
    const target = await send(alice, "react to me");
    const reacted = await call(bob, "message:react", { room: "lobby", seq: target.seq, emoji: "👍", on: true });
    assert.ok(reacted.ok, JSON.stringify(reacted));
    assert.deepEqual(reacted.message.reactions.map((r) => [r.emoji, r.users.map((u) => u.username)]), [["👍", ["bob"]]]);
    const same = await call(bob, "message:react", { room: "lobby", seq: target.seq, emoji: "👍", on: true });
    assert.ok(same.ok);
    assert.equal(same.message.rev, reacted.message.rev, "asking for the state that holds takes no revision");
    const odd = await call(bob, "message:react", { room: "lobby", seq: target.seq, emoji: "not an emoji", on: true });
    assert.equal(!odd.ok && odd.error.code, "invalid");
    const byBob = await call(bob, "message:delete", { room: "lobby", seq: target.seq });
    assert.equal(!byBob.ok && byBob.error.code, "forbidden");
    const deleted = await call(alice, "message:delete", { room: "lobby", seq: target.seq });
    assert.ok(deleted.ok, JSON.stringify(deleted));
    assert.ok(deleted.message.deletedAt);
    await until(bob, () => updatesAtBob.some((m) => m.seq === target.seq && m.deletedAt !== null), "the delete at bob");
    const late = await call(bob, "message:react", { room: "lobby", seq: target.seq, emoji: "🎉", on: true });
    assert.equal(!late.ok && late.error.code, "not_found");
    const outsider = await call(carol, "message:react", { room: "lobby", seq: target.seq, emoji: "🎉", on: true });
    assert.equal(!outsider.ok && outsider.error.code, "forbidden");
  });
});
