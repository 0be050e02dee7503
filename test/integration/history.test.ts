import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { call, clientId, connectJoined, type TestSocket } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";

const TOTAL = 120;

describe("history and catch-up", () => {
  let server: TestServer;
  let alice: TestSocket;

  before(async () => {
    // Fills the room at once, faster than the default send limit allows (rate-limits.test.ts tests those).
    server = await startServer({ env: { RATE_LIMITS: "message:send=1000/1000" } });
    alice = await connectJoined(server.url, "alice");
    const sends = Array.from({ length: TOTAL }, (_, i) => call(alice, "message:send", { room: "lobby", text: `m${i + 1}`, clientId: clientId() }));
    for (const res of await Promise.all(sends)) assert.ok(res.ok);
  });
  after(async () => {
    alice.close();
    await server.stop();
  });

  const seqs = (messages: { seq: number }[]) => messages.map((m) => m.seq);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it("room:join answers the latest 50 messages in ascending seq, and the room's lastSeq", async () => {
    const res = await call(alice, "room:join", { room: "lobby" });
    assert.ok(res.ok);
    assert.deepEqual(seqs(res.messages), range(TOTAL - 49, TOTAL));
    assert.equal(res.room.slug, "lobby");
    assert.equal(res.room.lastSeq, TOTAL);
    assert.equal(res.room.unread, 0, "alice wrote them all");
  });

  it("room:join with since answers every message after it", async () => {
    const res = await call(alice, "room:join", { room: "lobby", since: 100 });
    assert.ok(res.ok);
    assert.deepEqual(seqs(res.messages), range(101, TOTAL));
    const none = await call(alice, "room:join", { room: "lobby", since: TOTAL });
    assert.ok(none.ok && none.messages.length === 0);
    const all = await call(alice, "room:join", { room: "lobby", since: 0 });
    assert.ok(all.ok);
    assert.deepEqual(seqs(all.messages), range(1, TOTAL));
  });

  it("message:history pages backwards without overlap until hasMore is false", async () => {
    const first = await call(alice, "message:history", { room: "lobby", before: 71 });
    assert.ok(first.ok);
    assert.deepEqual(seqs(first.messages), range(21, 70));
    assert.equal(first.hasMore, true);
    const second = await call(alice, "message:history", { room: "lobby", before: 21, limit: 50 });
    assert.ok(second.ok);
    assert.deepEqual(seqs(second.messages), range(1, 20));
    assert.equal(second.hasMore, false);
    const exact = await call(alice, "message:history", { room: "lobby", before: 11, limit: 10 });
    assert.ok(exact.ok && exact.hasMore === false && exact.messages.length === 10);
  });

  it("message:history honours limit and returns texts in order", async () => {
    const res = await call(alice, "message:history", { room: "lobby", before: TOTAL + 1, limit: 3 });
    assert.ok(res.ok);
    assert.deepEqual(res.messages.map((m) => m.text), [`m${TOTAL - 2}`, `m${TOTAL - 1}`, `m${TOTAL}`]);
    assert.equal(res.hasMore, true);
  });
});
