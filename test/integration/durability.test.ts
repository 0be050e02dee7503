import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { call, clientId, collect, connectAs, connectJoined, until, waitFor } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";
import type { ChatMessage } from "@/lib/shared/protocol";

describe("durability", () => {
  let server: TestServer;
  before(async () => {
    // Streams sends as fast as acks come: a rate limit would end the stream before the kill does.
    server = await startServer({ env: { RATE_LIMITS: "message:send=1000/1000" } });
  });
  after(() => server.stop());

  const joined = (username: string) => connectJoined(server.url, username);

  it("keeps messages across a graceful restart (SIGTERM)", async () => {
    const alice = await joined("alice");
    const sent = await call(alice, "message:send", { room: "lobby", text: "remember me", clientId: clientId() });
    assert.ok(sent.ok);
    alice.close();
    await server.terminate();
    await server.restart();
    const again = await joined("alice");
    const res = await call(again, "room:join", { room: "lobby" });
    again.close();
    assert.ok(res.ok);
    assert.deepEqual(res.messages.at(-1), sent.message);
  });

  it("loses no acknowledged message and duplicates none when the server is killed mid-stream", async () => {
    const alice = await joined("alice");
    const acked: ChatMessage[] = [];
    let attempted = 0;
    const stream = (async () => {
      for (;;) {
        const id = clientId("stream");
        attempted++;
        const res = await call(alice, "message:send", { room: "lobby", text: `n${attempted}`, clientId: id }).catch(() => null);
        if (!res?.ok) return;
        acked.push(res.message);
      }
    })();
    await waitFor(() => acked.length >= 30, "30 acknowledged sends");
    await server.kill();
    await stream;
    alice.close();
    await server.restart();

    const reader = await joined("bob");
    const since = acked[0]!.seq - 1;
    const res = await call(reader, "room:join", { room: "lobby", since });
    reader.close();
    assert.ok(res.ok);
    const stored = res.messages;
    for (let i = 1; i < stored.length; i++) assert.equal(stored[i]!.seq, stored[i - 1]!.seq + 1, "seq stays gap-free");
    const byClientId = new Map(stored.map((m) => [m.clientId, m]));
    assert.equal(byClientId.size, stored.length, "no clientId stored twice");
    for (const message of acked) assert.deepEqual(byClientId.get(message.clientId), message, "every acknowledged message is stored as acknowledged");
    // At most the one in flight at the kill may be stored without its ack having arrived.
    assert.ok(stored.length - acked.length <= 1);
  });

  it("delivers a disconnected client exactly the messages it missed, in order", async () => {
    const bob = await joined("bob");
    const seen = collect(bob);
    const alice = await joined("alice");
    const warmup = await call(alice, "message:send", { room: "lobby", text: "before", clientId: clientId() });
    assert.ok(warmup.ok);
    await until(bob, () => seen.length === 1, "the first message");
    const lastSeq = seen[0]!.seq;
    bob.close();

    const N = 25;
    const missed: ChatMessage[] = [];
    for (let i = 0; i < N; i++) {
      const res = await call(alice, "message:send", { room: "lobby", text: `while away ${i}`, clientId: clientId() });
      assert.ok(res.ok);
      missed.push(res.message);
    }
    const back = await connectAs(server.url, "bob");
    const res = await call(back, "room:join", { room: "lobby", since: lastSeq });
    back.close();
    alice.close();
    assert.ok(res.ok);
    assert.deepEqual(res.messages, missed);
  });
});
