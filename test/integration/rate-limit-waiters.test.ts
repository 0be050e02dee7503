import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { call, clientId, connectAs, connectJoined, type TestSocket } from "../helpers/client";
import { retryAfter } from "../helpers/rate-limited";
import { startServer, type TestServer } from "../helpers/server";
import type { Ack } from "@/lib/protocol";

// Issue 13 §3: a client with many sends queued (a long paste offline, a reconnection with a full
// outbox) fires them all at once. The server must answer every one (refusals do not count toward
// the packet-flood bound), tell each refused send its own moment, and let them all through when
// they come back at those moments, one per token. Limits scaled 10x (100/s, burst 30) for speed.

const COUNT = 500;
const PER_SECOND = 100;
const BURST = 30;

type SendAnswer = Ack<object>;

describe("a burst of sends far over the limit", () => {
  let server: TestServer;
  let alice: TestSocket;
  let bob: TestSocket;
  let room: string;

  before(async () => {
    server = await startServer({ env: { RATE_LIMITS: `message:send=${PER_SECOND}/${BURST}` } });
    alice = await connectAs(server.url, "alice");
    const created = await call(alice, "room:create", { name: "Outbox room", visibility: "public" });
    assert.ok(created.ok);
    room = created.room.slug;
    bob = await connectJoined(server.url, "bob", room);
  });
  after(async () => {
    alice.close();
    bob.close();
    await server.stop();
  });

  it("is never disconnected, tells each refusal its own time, and stores all in order when they retry then", async () => {
    let disconnects = 0;
    alice.on("disconnect", () => disconnects++);
    const texts = Array.from({ length: COUNT }, (_, i) => `queued ${i}`);
    const ids = texts.map(() => clientId("outbox"));
    const send = (i: number) => call(alice, "message:send", { room, text: texts[i], clientId: ids[i] }) as Promise<SendAnswer>;

    const firedAt = Date.now();
    const first = await Promise.all(texts.map((_, i) => send(i)));
    assert.equal(disconnects, 0, "not cut for packet flood");
    const refused = first.flatMap((res, i) => (res.ok ? [] : [{ i, res }]));
    for (const { res } of refused) {
      assert.ok(!res.ok && res.error.code === "rate_limited", "every refusal is rate_limited");
      assert.equal(res.error.ratePerSecond, PER_SECOND, "and states the rate to pace by");
    }
    const waits = refused.map(({ res }) => retryAfter(res)!);
    // Successive refusals get successively later moments, a token apart, up to what the rate allows.
    waits.slice(1).forEach((wait, k) => assert.ok(wait > waits[k]!, `waits ${waits[k]} then ${wait}`));
    assert.ok(Math.max(...waits) <= ((COUNT - BURST) * 1000) / PER_SECOND + 100, `last wait ${Math.max(...waits)} ms`);

    // Each refused send goes again at its stated time, in typing order (a late timer never reorders).
    let pending = refused.map(({ i }, k) => ({ i, due: firedAt + waits[k]! }));
    let refusedAgain = 0;
    for (let round = 0; pending.length > 0; round++) {
      assert.ok(round < 5, "retries converge");
      const answers: Promise<SendAnswer>[] = [];
      for (const { i, due } of pending) {
        const early = due - Date.now();
        if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
        answers.push(send(i));
      }
      const results = await Promise.all(answers);
      const sentAt = Date.now();
      pending = results.flatMap((res, k) => (res.ok ? [] : [{ i: pending[k]!.i, due: sentAt + (retryAfter(res) ?? 0) }]));
      refusedAgain += pending.length;
    }
    assert.equal(disconnects, 0);
    // Waiters are let through one per token: not "all but one refused again".
    assert.ok(refusedAgain <= refused.length / 20, `${refusedAgain} of ${refused.length} refused a second time`);

    const seen = await call(bob, "room:join", { room, since: 0 });
    assert.ok(seen.ok);
    assert.deepEqual(
      seen.messages.map((m) => m.text),
      texts,
      "all stored once, in the order sent",
    );
    assert.deepEqual(
      seen.messages.map((m) => m.seq),
      texts.map((_, i) => i + 1),
    );
  });
});
