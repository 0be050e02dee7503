import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { MAX_PAGE_BYTES, MAX_TEXT_CHARS, type ChatMessage } from "@/lib/shared/protocol";
import { call, connectAs, connectJoined, loginOrFail, type TestSocket } from "../helpers/client";
import { fillRoom } from "../helpers/fill-room";
import { RawSocket } from "../helpers/raw-socket";
import { startServer, type TestServer } from "../helpers/server";

// Issue 13 §1: a room of maximum-size messages (4,000 × U+0001, about 24 KB of JSON each) must not
// let one user make the node send (or hold) without bound: pages stop at MAX_PAGE_BYTES, history
// and catch-up are limited by the bytes they serve, and a socket that requests and never reads
// leaves the node alive, its memory bounded and other users served.

const COUNT = 1000;
const HUGE = "\u0001".repeat(MAX_TEXT_CHARS);
const wire = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
/** The largest message of the room on the wire: a page may pass the budget by at most one. */
let largest = 0;

type Ack = { ok: boolean; error?: { code: string; message: string; retryAfterMs?: number } };

/** Asks again after the wait the server states while it answers `rate_limited`. */
async function patiently<T extends Ack>(ask: () => Promise<T>): Promise<T> {
  for (;;) {
    const res = await ask();
    if (res.ok || res.error?.code !== "rate_limited") return res;
    await delay(res.error.retryAfterMs ?? 1000);
  }
}

async function residentBytes(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^process_resident_memory_bytes (\S+)$/m.exec(text);
  assert.ok(match, "the metrics name the resident memory");
  return Number(match[1]);
}

describe("answers bounded in bytes (a room of maximum-size messages)", () => {
  let server: TestServer;
  let alice: TestSocket;
  let slug: string;

  before(async () => {
    server = await startServer();
    alice = await connectAs(server.url, "alice");
    const created = await call(alice, "room:create", { name: "Huge", visibility: "public" });
    assert.ok(created.ok);
    slug = created.room.slug;
    await fillRoom(server.databaseUrl, { room: slug, author: "alice", count: COUNT, text: HUGE });
  });
  after(async () => {
    alice.close();
    await server.stop();
  });

  it("message:history pages stop at the byte budget and say there is more", async () => {
    const res = await patiently(() => call(alice, "message:history", { room: slug, before: COUNT + 1, limit: 100 }));
    assert.ok(res.ok);
    largest = Math.max(...res.messages.map(wire));
    assert.ok(largest > 24_000, `one message is ${largest} bytes of JSON`);
    assert.ok(wire(res.messages) <= MAX_PAGE_BYTES + largest, `the page is ${wire(res.messages)} bytes`);
    assert.ok(res.messages.length > 1 && res.messages.length < 100);
    assert.equal(res.messages.at(-1)?.seq, COUNT, "the newest page ends at the newest message");
    assert.deepEqual(res.messages.map((m) => m.seq), res.messages.map((_, i) => COUNT - res.messages.length + 1 + i));
    assert.equal(res.hasMore, true);
  });

  it("room:join's newest page is bounded in bytes too", async () => {
    const res = await patiently(() => call(alice, "room:join", { room: slug }));
    assert.ok(res.ok);
    assert.ok(wire(res.messages) <= MAX_PAGE_BYTES + largest, `the page is ${wire(res.messages)} bytes`);
    assert.equal(res.messages.at(-1)?.seq, COUNT);
  });

  it("a catch-up of 1,000 maximum-size messages arrives complete over several pages with hasMore", async () => {
    const received: ChatMessage[] = [];
    let pages = 0;
    for (let more = true; more; pages++) {
      const since = received.at(-1)?.seq ?? 0;
      const res = await patiently(() => call(alice, "room:join", { room: slug, since }));
      assert.ok(res.ok);
      assert.ok(res.messages.length > 0, "every page brings at least one message");
      assert.ok(wire(res.messages) <= MAX_PAGE_BYTES + largest, `page ${pages} is ${wire(res.messages)} bytes`);
      received.push(...res.messages);
      assert.equal(typeof res.hasMore, "boolean", "a catch-up says whether more remain");
      more = res.hasMore === true;
    }
    assert.deepEqual(received.map((m) => m.seq), Array.from({ length: COUNT }, (_, i) => i + 1));
    assert.ok(received.every((m) => m.text === HUGE));
    assert.ok(pages >= 20, `${pages} pages`);
  });

  it("the changes of a catch-up (sinceRev) are bounded in bytes too and arrive complete with hasMoreChanges", async () => {
    const created = await call(alice, "room:create", { name: "Edited", visibility: "public" });
    assert.ok(created.ok);
    const edited = created.room.slug;
    await fillRoom(server.databaseUrl, { room: edited, author: "alice", count: 300, text: HUGE, changed: true });
    const changes: ChatMessage[] = [];
    let pages = 0;
    for (let more = true; more; pages++) {
      const sinceRev = changes.at(-1)?.rev ?? 0;
      const res = await patiently(() => call(alice, "room:join", { room: edited, since: 300, sinceRev }));
      assert.ok(res.ok && res.changes);
      assert.ok(res.changes.length > 0);
      assert.ok(wire(res.changes) <= MAX_PAGE_BYTES + largest, `page ${pages} of changes is ${wire(res.changes)} bytes`);
      changes.push(...res.changes);
      more = res.hasMoreChanges === true;
    }
    assert.deepEqual(changes.map((m) => m.rev), Array.from({ length: 300 }, (_, i) => i + 1));
    assert.ok(pages >= 6, `${pages} pages`);
  });

  it("history served is limited by its bytes: a burst of page requests is answered rate_limited with retryAfterMs", async () => {
    // Out of any debt left by the tests above first, through a request that serves no message: one
    // that served a message could itself put the bucket back into debt, and all 12 would be refused.
    assert.ok((await patiently(() => call(alice, "message:history", { room: slug, before: 1, limit: 1 }))).ok);
    const answers = await Promise.all(Array.from({ length: 12 }, () => call(alice, "message:history", { room: slug, before: COUNT + 1, limit: 100 })));
    const refused = answers.filter((res) => !res.ok);
    assert.ok(answers.filter((res) => res.ok).length >= 1);
    assert.ok(refused.length >= 4, `${refused.length} of 12 refused`);
    for (const res of refused) {
      assert.ok(!res.ok && res.error.code === "rate_limited" && res.error.message.includes("bytes"), JSON.stringify(res));
      assert.ok((res.error.retryAfterMs ?? 0) > 0);
    }
  });

  it("a socket that joins with since 0 at the rate limit and never reads leaves memory bounded, the node alive and others served", async (t) => {
    const bob = await connectJoined(server.url, "bob", slug);
    bob.close();
    const cookie = await loginOrFail(server.url, "bob");
    const carol = await connectAs(server.url, "carol");
    const baseline = await residentBytes(server.url);
    let peak = baseline;
    let served = 0;
    let slowest = 0;
    const attackEnds = Date.now() + 20_000;
    let raw: RawSocket | null = null;
    while (Date.now() < attackEnds) {
      // A socket the server cut (if it bounds what waits for a socket) is replaced: the attack goes on.
      if (!raw || !raw.isOpen) {
        raw?.close();
        raw = new RawSocket(server.url, cookie);
        await raw.connected;
        raw.stopReading();
      }
      // room:join's limit: 10 a second.
      for (let i = 0; i < 5; i++) raw.emit("room:join", { room: slug, since: 0 });
      const asked = performance.now();
      const list = await call(carol, "room:list", {});
      slowest = Math.max(slowest, performance.now() - asked);
      assert.ok(list.ok, "another user is served meanwhile");
      served++;
      peak = Math.max(peak, await residentBytes(server.url));
      await delay(500);
    }
    raw?.close();
    carol.close();
    const health = await fetch(`${server.url}/api/health`);
    assert.equal(health.status, 200, "the node is alive");
    const grown = (peak - baseline) / 2 ** 20;
    t.diagnostic(`resident memory ${(baseline / 2 ** 20).toFixed(0)} MB, peak +${grown.toFixed(0)} MB; slowest room:list ${slowest.toFixed(0)} ms`);
    assert.ok(grown < 300, `resident memory grew by ${grown.toFixed(0)} MB`);
    assert.ok(served >= 5, `room:list answered ${served} times`);
  });
});
