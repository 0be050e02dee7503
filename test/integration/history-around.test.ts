import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { MAX_PAGE_BYTES, MAX_TEXT_CHARS, type Ack } from "@/lib/shared/protocol";
import { call, connectAs, type TestSocket } from "../helpers/client";
import { fillRoom } from "../helpers/fill-room";
import { startServer, type TestServer } from "../helpers/server";

// Issue 15: `message:history { room, around }`, the page a permalink opens: the message `around`,
// about half the page older than it and the rest from it on, with `hasMore` and `hasNewer`.

const TOTAL = 120;
const HUGE_COUNT = 300;
const HUGE = "\u0001".repeat(MAX_TEXT_CHARS);
const wire = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
const seqs = (messages: { seq: number }[]) => messages.map((m) => m.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Asks again after the wait the server states while it answers `rate_limited`. */
async function patiently<T extends Ack<object>>(ask: () => Promise<T>): Promise<T> {
  for (;;) {
    const res = await ask();
    if (res.ok || res.error.code !== "rate_limited") return res;
    await delay(res.error.retryAfterMs ?? 1000);
  }
}

describe("message:history around a message", () => {
  let server: TestServer;
  let alice: TestSocket;
  let carol: TestSocket;
  let room: string;
  let secret: string;

  async function create(name: string, visibility: "public" | "private"): Promise<string> {
    const created = await call(alice, "room:create", { name, visibility });
    assert.ok(created.ok, JSON.stringify(created));
    return created.room.slug;
  }

  before(async () => {
    server = await startServer();
    [alice, carol] = await Promise.all([connectAs(server.url, "alice"), connectAs(server.url, "carol")]);
    room = await create("Around", "public");
    secret = await create("Around secret", "private");
    await fillRoom(server.databaseUrl, { room, author: "alice", count: TOTAL, text: "hello" });
    await fillRoom(server.databaseUrl, { room: secret, author: "alice", count: 10, text: "hidden" });
  });
  after(async () => {
    for (const socket of [alice, carol]) socket.close();
    await server.stop();
  });

  const around = (at: number, limit?: number) => patiently(() => call(alice, "message:history", { room, around: at, limit }));

  it("answers half the page before the message and the rest from it on, ascending", async () => {
    const res = await around(60);
    assert.ok(res.ok, JSON.stringify(res));
    assert.deepEqual(seqs(res.messages), range(35, 84));
    assert.equal(res.hasMore, true);
    assert.equal(res.hasNewer, true);
    const odd = await around(60, 5);
    assert.ok(odd.ok && odd.hasMore && odd.hasNewer);
    assert.deepEqual(seqs(odd.messages), range(58, 62));
    const one = await around(60, 1);
    assert.ok(one.ok && one.hasMore && one.hasNewer);
    assert.deepEqual(seqs(one.messages), [60]);
  });

  it("near the start, fills the page with newer messages and says no older exist", async () => {
    const res = await around(3);
    assert.ok(res.ok);
    assert.deepEqual(seqs(res.messages), range(1, 50));
    assert.equal(res.hasMore, false);
    assert.equal(res.hasNewer, true);
    const first = await around(1, 10);
    assert.ok(first.ok && !first.hasMore && first.hasNewer);
    assert.deepEqual(seqs(first.messages), range(1, 10));
  });

  it("near the end, fills the page with older messages and says no newer exist", async () => {
    for (const at of [118, TOTAL]) {
      const res = await around(at);
      assert.ok(res.ok);
      assert.deepEqual(seqs(res.messages), range(TOTAL - 49, TOTAL), `around ${at}`);
      assert.equal(res.hasMore, true);
      assert.equal(res.hasNewer, false);
    }
  });

  it("past the newest message, answers the newest page (what before lastSeq + 1 answers)", async () => {
    const res = await around(TOTAL + 1000);
    const newest = await patiently(() => call(alice, "message:history", { room, before: TOTAL + 1 }));
    assert.ok(res.ok && newest.ok);
    assert.deepEqual(res.messages, newest.messages);
    assert.equal(res.hasMore, true);
    assert.equal(res.hasNewer, false);
    assert.equal("hasNewer" in newest, false, "a page before a seq does not say hasNewer");
  });

  it("a deleted message's seq answers its page with the message as a tombstone", async () => {
    const deleted = await call(alice, "message:delete", { room, seq: 40 });
    assert.ok(deleted.ok, JSON.stringify(deleted));
    const res = await around(40, 5);
    assert.ok(res.ok);
    assert.deepEqual(seqs(res.messages), range(38, 42));
    const target = res.messages[2]!;
    assert.equal(target.text, "");
    assert.ok(target.deletedAt);
    assert.deepEqual(target, deleted.message);
  });

  it("answers invalid unless exactly one of before and around is given", async () => {
    const payloads = [{ room }, { room, before: 10, around: 10 }, { room, around: 0 }, { room, around: -1 }, { room, around: 2.5 }, { room, around: 10, limit: 101 }];
    for (const payload of payloads) {
      const res = await call(alice, "message:history", payload);
      assert.equal(!res.ok && res.error.code, "invalid", JSON.stringify(payload));
    }
  });

  it("refuses a non-member of a private room exactly as a page before a seq", async () => {
    const byAround = await call(carol, "message:history", { room: secret, around: 5 });
    const byBefore = await call(carol, "message:history", { room: secret, before: 5 });
    assert.equal(!byAround.ok && byAround.error.code, "forbidden");
    assert.deepEqual(byAround, byBefore);
    const unknown = await call(carol, "message:history", { room: "no-such-room", around: 5 });
    assert.deepEqual(unknown, byAround, "a private room looks like no room");
    assert.ok((await patiently(() => call(alice, "message:history", { room: secret, around: 5 }))).ok, "its member is served");
  });

  describe("in a room of maximum-size messages", () => {
    let huge: string;
    before(async () => {
      huge = await create("Around huge", "public");
      await fillRoom(server.databaseUrl, { room: huge, author: "alice", count: HUGE_COUNT, text: HUGE });
    });

    it("cuts the page at the byte budget, shared between both sides of the message", async () => {
      const res = await patiently(() => call(alice, "message:history", { room: huge, around: 150, limit: 100 }));
      assert.ok(res.ok);
      const largest = Math.max(...res.messages.map(wire));
      assert.ok(largest > 24_000, `one message is ${largest} bytes of JSON`);
      assert.ok(wire(res.messages) <= MAX_PAGE_BYTES + largest, `the page is ${wire(res.messages)} bytes`);
      assert.ok(res.messages.length > 1 && res.messages.length < 100, `${res.messages.length} messages`);
      const first = res.messages[0]!.seq;
      assert.deepEqual(seqs(res.messages), range(first, first + res.messages.length - 1));
      const older = res.messages.filter((m) => m.seq < 150).length;
      const onward = res.messages.length - older;
      assert.ok(Math.abs(older - onward) <= 2, `${older} before the message, ${onward} from it on`);
      assert.equal(res.hasMore, true);
      assert.equal(res.hasNewer, true);
    });

    it("is charged to the byte limit: a burst of pages around a message is answered rate_limited", async () => {
      // Out of any debt first, through a request that serves no message.
      assert.ok((await patiently(() => call(alice, "message:history", { room: huge, before: 1, limit: 1 }))).ok);
      const ask = () => call(alice, "message:history", { room: huge, around: 150, limit: 100 });
      const answers = await Promise.all(Array.from({ length: 12 }, ask));
      const refused = answers.filter((res) => !res.ok);
      assert.ok(answers.some((res) => res.ok));
      assert.ok(refused.length >= 4, `${refused.length} of 12 refused`);
      for (const res of refused) {
        assert.ok(!res.ok && res.error.code === "rate_limited" && res.error.message.includes("bytes"), JSON.stringify(res));
        assert.ok((res.error.retryAfterMs ?? 0) > 0);
      }
    });
  });
});
