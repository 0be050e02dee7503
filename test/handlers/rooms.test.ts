import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RoomSummary } from "@/lib/shared/protocol";
import { call, clientId, until, type TestSocket } from "../helpers/client";
import { startHandlerServer, type HandlerServer } from "./handler-server";

describe("room handlers, in process", () => {
  let server: HandlerServer;
  let alice: TestSocket;
  let aliceTab: TestSocket;
  let bob: TestSocket;
  let carol: TestSocket;
  const added = new Map<TestSocket, RoomSummary[]>();
  const removed = new Map<TestSocket, string[]>();

  before(async () => {
    // Two browses, then the bucket is empty for 100 s: enough to see the refusal, nothing else is limited.
    server = await startHandlerServer("chat-handlers-rooms-", { RATE_LIMITS: "room:browse=0.01/2" });
    [alice, aliceTab, bob, carol] = await Promise.all([server.connectAs("alice"), server.connectAs("alice"), server.connectAs("bob"), server.connectAs("carol")]);
    for (const socket of [alice, aliceTab, bob, carol]) {
      added.set(socket, []);
      removed.set(socket, []);
      socket.on("room:added", (room) => added.get(socket)!.push(room));
      socket.on("room:removed", ({ room }) => removed.get(socket)!.push(room));
    }
  });
  after(() => server.stop());

  it("joins a public room: its summary, newest page and who is online; a join is announced to every tab", async () => {
    const joined = await call(alice, "room:join", { room: "lobby" });
    assert.ok(joined.ok, JSON.stringify(joined));
    assert.equal(joined.room.slug, "lobby");
    assert.deepEqual(joined.messages, []);
    assert.ok(joined.online.some((u) => u.username === "alice"));
    await until(aliceTab, () => added.get(aliceTab)!.some((r) => r.slug === "lobby"), "room:added at alice's other tab");
    const again = await call(alice, "room:join", { room: "lobby", since: 0 });
    assert.ok(again.ok);
    assert.equal(again.hasMore, false);
  });

  it("creates rooms; a private one is not_found to others, and cannot be joined", async () => {
    const created = await call(alice, "room:create", { name: "Book club", visibility: "private" });
    assert.ok(created.ok, JSON.stringify(created));
    assert.equal(created.room.visibility, "private");
    await until(aliceTab, () => added.get(aliceTab)!.some((r) => r.slug === created.room.slug), "the new room at alice's other tab");
    const refused = await call(bob, "room:join", { room: created.room.slug });
    assert.equal(!refused.ok && refused.error.code, "not_found");
    const missing = await call(bob, "room:join", { room: "no-such-room" });
    assert.equal(!missing.ok && missing.error.code, "not_found");
    const bad = await call(bob, "room:join", { room: "Not A Slug!" });
    assert.equal(!bad.ok && bad.error.code, "invalid");
    const nameless = await call(alice, "room:create", { name: "", visibility: "public" });
    assert.equal(!nameless.ok && nameless.error.code, "invalid");
    const list = await call(alice, "room:list", {});
    assert.ok(list.ok);
    assert.deepEqual(new Set(list.rooms.map((r) => r.slug)), new Set(["lobby", created.room.slug]));
  });

  it("invites members only, to known users, never into a direct conversation; leaves", async () => {
    const created = await call(alice, "room:create", { name: "Plans", visibility: "private" });
    assert.ok(created.ok);
    const slug = created.room.slug;
    const invited = await call(alice, "room:invite", { room: slug, username: "bob" });
    assert.ok(invited.ok, JSON.stringify(invited));
    await until(bob, () => added.get(bob)!.some((r) => r.slug === slug), "room:added at bob");
    const byOutsider = await call(carol, "room:invite", { room: slug, username: "carol" });
    assert.equal(!byOutsider.ok && byOutsider.error.code, "not_found");
    const nobody = await call(alice, "room:invite", { room: slug, username: "nobody" });
    assert.equal(!nobody.ok && nobody.error.code, "not_found");
    const members = await call(bob, "room:members", { room: slug });
    assert.ok(members.ok);
    assert.deepEqual(members.members.map((m) => m.username).sort(), ["alice", "bob"]);
    const left = await call(bob, "room:leave", { room: slug });
    assert.ok(left.ok, JSON.stringify(left));
    await until(bob, () => removed.get(bob)!.includes(slug), "room:removed at bob");
    const afterLeaving = await call(bob, "message:send", { room: slug, text: "still here?", clientId: clientId() });
    assert.equal(!afterLeaving.ok && afterLeaving.error.code, "forbidden");
    const listed = await call(bob, "room:members", { room: slug });
    assert.equal(!listed.ok && listed.error.code, "forbidden");
  });

  it("opens one direct conversation per pair, on both sidebars; it cannot be left or invited to", async () => {
    const opened = await call(alice, "dm:open", { username: "carol" });
    assert.ok(opened.ok, JSON.stringify(opened));
    assert.equal(opened.room.visibility, "direct");
    assert.equal(opened.room.peer?.username, "carol");
    await until(carol, () => added.get(carol)!.some((r) => r.slug === opened.room.slug), "room:added at carol");
    const back = await call(carol, "dm:open", { username: "alice" });
    assert.ok(back.ok);
    assert.equal(back.room.slug, opened.room.slug);
    const leave = await call(carol, "room:leave", { room: opened.room.slug });
    assert.equal(!leave.ok && leave.error.code, "invalid");
    const invite = await call(alice, "room:invite", { room: opened.room.slug, username: "bob" });
    assert.equal(!invite.ok && invite.error.code, "invalid");
    const stranger = await call(alice, "dm:open", { username: "nobody" });
    assert.equal(!stranger.ok && stranger.error.code, "not_found");
  });

  it("marks a room read on every tab of the user; not_found where the user is no member", async () => {
    const sent = await call(alice, "message:send", { room: "lobby", text: "read me", clientId: clientId() });
    assert.ok(sent.ok);
    const reads: number[] = [];
    aliceTab.on("room:read", ({ room, lastReadSeq }) => room === "lobby" && reads.push(lastReadSeq));
    const read = await call(alice, "room:read", { room: "lobby", seq: sent.message.seq });
    assert.ok(read.ok, JSON.stringify(read));
    assert.equal(read.lastReadSeq, sent.message.seq);
    await until(aliceTab, () => reads.includes(sent.message.seq), "room:read at alice's other tab");
    const outsider = await call(carol, "room:read", { room: "lobby", seq: 1 });
    assert.equal(!outsider.ok && outsider.error.code, "not_found");
  });

  it("browses public rooms, within the event's rate limit", async () => {
    const browsed = await call(bob, "room:browse", {});
    assert.ok(browsed.ok, JSON.stringify(browsed));
    assert.ok(browsed.rooms.some((r) => r.slug === "lobby"));
    assert.ok(browsed.rooms.every((r) => !r.slug.startsWith("book-club")), "private rooms are not listed");
    assert.ok((await call(bob, "room:browse", {})).ok);
    const third = await call(bob, "room:browse", {});
    assert.ok(!third.ok);
    assert.equal(third.error.code, "rate_limited");
    assert.ok((third.error.retryAfterMs ?? 0) > 0);
    assert.ok((await call(alice, "room:browse", {})).ok, "another user's bucket is their own");
  });
});
