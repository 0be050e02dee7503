import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { call, clientId, connectAs, connectJoined, loginOrFail, type TestSocket } from "../helpers/client";
import { RawSocket } from "../helpers/raw-socket";
import { startServer, type TestServer } from "../helpers/server";

// A WebSocket client that stops reading while its room gets many broadcasts
// (lib/server/realtime/backpressure.ts): its backlog is bounded, its requests are held, and it is cut.

// About 24 KB once JSON-escaped (6 bytes per U+0001): a few hundred fill the kernel's buffers and the soft bound.
const BIG_TEXT = `x${"\u0001".repeat(3998)}x`;

async function metric(server: TestServer, name: string): Promise<number> {
  const body = await (await fetch(`${server.url}/metrics`)).text();
  const line = body.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

async function metricReaches(server: TestServer, name: string, value: number, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while ((await metric(server, name)) < value) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${name} to reach ${value}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Alice's socket that reads nothing, subscribed to the lobby by her membership. */
async function stalledAlice(server: TestServer): Promise<RawSocket> {
  const cookie = await loginOrFail(server.url, "alice");
  const setup = await connectAs(server.url, "alice");
  assert.ok((await call(setup, "room:join", { room: "lobby" })).ok);
  setup.close();
  const raw = new RawSocket(server.url, cookie);
  await raw.connected;
  raw.stopReading();
  return raw;
}

/** Bob sends big messages in batches until `done`; returns the last seq stored. */
async function flood(bob: TestSocket, done: () => Promise<boolean>, maxMessages = 4000): Promise<number> {
  let lastSeq = 0;
  for (let sent = 0; !(await done()); sent += 25) {
    assert.ok(sent < maxMessages, `still not done after ${sent} messages`);
    const acks = await Promise.all(
      Array.from({ length: 25 }, () => call(bob, "message:send", { room: "lobby", text: BIG_TEXT, clientId: clientId() })),
    );
    for (const ack of acks) {
      assert.ok(ack.ok, JSON.stringify(ack).slice(0, 200));
      lastSeq = Math.max(lastSeq, ack.message.seq);
    }
  }
  return lastSeq;
}

describe("a WebSocket client that stops reading", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ env: { SOCKET_DRAIN_TIMEOUT_MS: "2000", RATE_LIMIT_FACTOR: "100" } });
  });
  after(() => server.stop());

  it("has its requests held, is disconnected after the drain timeout, and catches up on a fresh connection", async () => {
    const alice = await stalledAlice(server);
    const bob = await connectJoined(server.url, "bob");
    const lastSeq = await flood(bob, async () => (await metric(server, "chat_backlogged_sockets")) >= 1);
    // Over the bound: a request is held, not answered (so not carried out either).
    alice.emit("message:send", { room: "lobby", text: "sent while not reading", clientId: clientId() }, 7);
    const reason = 'chat_slow_socket_disconnects_total{reason="drain_timeout"}';
    await metricReaches(server, reason, 1);
    alice.resumeReading();
    await alice.closed;
    assert.ok(!alice.frames.some((frame) => frame.startsWith("437[")), "the held request was never answered");
    assert.equal(await metric(server, "chat_backlogged_sockets"), 0);
    // Bob, who reads, was served throughout; alice's new socket catches up by seq.
    const fresh = await connectAs(server.url, "alice");
    const joined = await call(fresh, "room:join", { room: "lobby", since: lastSeq - 1 });
    assert.ok(joined.ok);
    assert.deepEqual(
      joined.messages.map((m) => m.seq),
      [lastSeq],
      "the request held when the socket was cut was dropped with it",
    );
    assert.ok(bob.connected);
    fresh.close();
    bob.close();
  });
});

describe("broadcasts to a client that stops reading", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ env: { SOCKET_DRAIN_TIMEOUT_MS: "600000", RATE_LIMIT_FACTOR: "100" } });
  });
  after(() => server.stop());

  it("pile up to the hard bound at most: then the socket is disconnected and the server's memory freed", async () => {
    const alice = await stalledAlice(server);
    const bob = await connectJoined(server.url, "bob");
    const reason = 'chat_slow_socket_disconnects_total{reason="backlog_limit"}';
    await flood(bob, async () => (await metric(server, reason)) === 1);
    alice.resumeReading();
    await alice.closed;
    // 16 MiB for alice at most, then nothing: the server's heap stays far from what the flood sent her.
    const heap = await metric(server, "nodejs_heap_size_used_bytes");
    assert.ok(heap < 256 * 1024 * 1024, `heap ${Math.round(heap / 1048576)} MiB`);
    assert.ok(bob.connected, "bob, who reads, is still connected");
    bob.close();
  });
});
