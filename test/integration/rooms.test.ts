import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { call, clientId, collect, connectAs, until, type TestSocket } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";
import type { RoomSummary } from "@/lib/shared/protocol";

describe("rooms, invitations and direct conversations", () => {
  let server: TestServer;
  let alice: TestSocket;
  let bob: TestSocket;
  let carol: TestSocket;

  before(async () => {
    // alice creates a room per test, more than a person does in a minute (rate-limits.test.ts tests the limit).
    server = await startServer({ env: { RATE_LIMITS: "room:create=10/100" } });
    [alice, bob, carol] = (await Promise.all(["alice", "bob", "carol"].map((u) => connectAs(server.url, u)))) as [TestSocket, TestSocket, TestSocket];
  });
  after(async () => {
    for (const s of [alice, bob, carol]) s.close();
    await server.stop();
  });

  async function create(socket: TestSocket, name: string, visibility: "public" | "private"): Promise<RoomSummary> {
    const res = await call(socket, "room:create", { name, visibility });
    assert.ok(res.ok, JSON.stringify(res));
    return res.room;
  }

  it("creates rooms with unique slugs derived from their names", async () => {
    const first = await create(alice, "  Design   Team ✏️ ", "public");
    assert.deepEqual({ slug: first.slug, name: first.name, visibility: first.visibility }, { slug: "design-team", name: "Design Team ✏️", visibility: "public" });
    assert.equal((await create(bob, "design team", "public")).slug, "design-team-2");
    assert.equal((await create(bob, "DM 1 2", "public")).slug, "room-dm-1-2", "the dm- namespace is reserved");
    assert.equal((await create(bob, "✏️✏️", "public")).slug, "room");
    for (const bad of [{ name: "", visibility: "public" }, { name: "x", visibility: "direct" }, { name: "x".repeat(81), visibility: "public" }]) {
      const res = await call(alice, "room:create", bad);
      assert.equal(!res.ok && res.error.code, "invalid");
    }
  });

  it("lists public rooms to anyone and lets them join", async () => {
    const room = await create(alice, "Open plan", "public");
    const browse = await call(carol, "room:browse", {});
    assert.ok(browse.ok);
    const listed = browse.rooms.find((r) => r.slug === room.slug);
    assert.deepEqual(listed, { slug: room.slug, name: "Open plan", members: 1, joined: false });
    const joined = await call(carol, "room:join", { room: room.slug });
    assert.ok(joined.ok, JSON.stringify(joined));
    const list = await call(carol, "room:list", undefined);
    assert.ok(list.ok, JSON.stringify(list));
    assert.ok(list.rooms.some((r) => r.slug === room.slug), JSON.stringify(list));
  });

  it("keeps private rooms invisible to non-members and open to invitees", async () => {
    const secret = await create(alice, "Secret plans", "private");
    const added: RoomSummary[] = [];
    bob.on("room:added", (r) => added.push(r));

    const browse = await call(carol, "room:browse", {});
    assert.ok(browse.ok && !browse.rooms.some((r) => r.slug === secret.slug));
    for (const [event, payload] of [
      ["room:join", { room: secret.slug }],
      ["room:join", { room: secret.slug, since: 0 }],
      ["message:send", { room: secret.slug, text: "let me in", clientId: clientId() }],
      ["message:history", { room: secret.slug, before: 100 }],
      ["room:read", { room: secret.slug, seq: 1 }],
      ["room:invite", { room: secret.slug, username: "carol" }],
    ] as const) {
      const res = await call(carol, event, payload);
      assert.equal(res.ok, false, event);
      assert.ok(!res.ok && ["forbidden", "not_found"].includes(res.error.code), event);
      assert.deepEqual(Object.keys(res).sort(), ["error", "ok"], "no data leaks with the error");
    }
    // Unknown and private look the same.
    const unknown = await call(carol, "room:join", { room: "does-not-exist" });
    const hidden = await call(carol, "room:join", { room: secret.slug });
    assert.deepEqual(hidden, unknown);

    const invited = await call(alice, "room:invite", { room: secret.slug, username: "bob" });
    assert.ok(invited.ok);
    await until(bob, () => added.some((r) => r.slug === secret.slug), "bob's room:added");
    const atBob = collect(bob);
    const sent = await call(alice, "message:send", { room: secret.slug, text: "welcome bob", clientId: clientId() });
    assert.ok(sent.ok);
    await until(bob, () => atBob.some((m) => m.text === "welcome bob"), "the message in the private room");
    const reply = await call(bob, "message:send", { room: secret.slug, text: "thanks", clientId: clientId() });
    assert.ok(reply.ok);

    const bad = await call(alice, "room:invite", { room: secret.slug, username: "nobody" });
    assert.equal(!bad.ok && bad.error.code, "not_found");
  });

  it("resolves a pair of users to one direct conversation, both ways", async () => {
    const addedAtBob: RoomSummary[] = [];
    bob.on("room:added", (r) => addedAtBob.push(r));
    const fromAlice = await call(alice, "dm:open", { username: "bob" });
    assert.ok(fromAlice.ok);
    assert.equal(fromAlice.room.visibility, "direct");
    assert.equal(fromAlice.room.name, "Bob");
    assert.equal(fromAlice.room.peer?.username, "bob");
    await until(bob, () => addedAtBob.some((r) => r.slug === fromAlice.room.slug), "bob's new conversation");
    const fromBob = await call(bob, "dm:open", { username: "ALICE " });
    assert.ok(fromBob.ok);
    assert.equal(fromBob.room.slug, fromAlice.room.slug);
    assert.equal(fromBob.room.name, "Alice");

    const atBob = collect(bob);
    const sent = await call(alice, "message:send", { room: fromAlice.room.slug, text: "psst", clientId: clientId() });
    assert.ok(sent.ok);
    await until(bob, () => atBob.some((m) => m.text === "psst"), "the direct message");
    const back = await call(bob, "message:send", { room: fromBob.room.slug, text: "hi!", clientId: clientId() });
    assert.ok(back.ok);

    const peek = await call(carol, "room:join", { room: fromAlice.room.slug });
    assert.equal(!peek.ok && peek.error.code, "not_found");
    const leave = await call(alice, "room:leave", { room: fromAlice.room.slug });
    assert.equal(!leave.ok && leave.error.code, "invalid");
    const nobody = await call(alice, "dm:open", { username: "nobody" });
    assert.equal(!nobody.ok && nobody.error.code, "not_found");
  });

  it("counts unread per user and keeps read markers across connections", async () => {
    const room = await create(alice, "Unread test", "public");
    assert.ok((await call(bob, "room:join", { room: room.slug })).ok);
    for (let i = 0; i < 3; i++) assert.ok((await call(alice, "message:send", { room: room.slug, text: `u${i}`, clientId: clientId() })).ok);
    const unreadOf = async (socket: TestSocket) => {
      const res = await call(socket, "room:list", {});
      assert.ok(res.ok);
      return res.rooms.find((r) => r.slug === room.slug);
    };
    assert.equal((await unreadOf(bob))?.unread, 3);
    assert.equal((await unreadOf(alice))?.unread, 0, "your own messages are not unread");

    const bobPhone = await connectAs(server.url, "bob");
    const reads: { room: string; lastReadSeq: number }[] = [];
    bobPhone.on("room:read", (r) => reads.push(r));
    const read = await call(bob, "room:read", { room: room.slug, seq: 2 });
    assert.deepEqual(read, { ok: true, room: room.slug, lastReadSeq: 2 });
    await until(bobPhone, () => reads.length === 1, "the other device's room:read");
    assert.equal((await unreadOf(bobPhone))?.unread, 1);
    const backwards = await call(bob, "room:read", { room: room.slug, seq: 1 });
    assert.ok(backwards.ok && backwards.lastReadSeq === 2, "read markers never move back");
    const beyond = await call(bob, "room:read", { room: room.slug, seq: 99 });
    assert.ok(beyond.ok && beyond.lastReadSeq === 3, "nor past the last message");
    bobPhone.close();
  });

  it("leaving a room stops its messages and sends", async () => {
    const room = await create(bob, "Leave me", "public");
    assert.ok((await call(carol, "room:join", { room: room.slug })).ok);
    const removed: string[] = [];
    carol.on("room:removed", (r) => removed.push(r.room));
    assert.ok((await call(carol, "room:leave", { room: room.slug })).ok);
    await until(carol, () => removed.includes(room.slug), "room:removed");
    const send = await call(carol, "message:send", { room: room.slug, text: "still here?", clientId: clientId() });
    assert.equal(!send.ok && send.error.code, "forbidden");
    const list = await call(carol, "room:list", {});
    assert.ok(list.ok && !list.rooms.some((r) => r.slug === room.slug));
  });
});
