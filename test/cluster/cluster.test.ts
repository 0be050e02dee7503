import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { startCluster, type TestCluster } from "../helpers/cluster";
import { call, clientId, collect, connectJoined, until, waitFor, type TestSocket } from "../helpers/client";
import type { TestServer } from "../helpers/server";
import type { Author, ChatMessage } from "@/lib/shared/protocol";

// Two server processes on different ports sharing one PostgreSQL database and one Redis.

type Presence = { room: string; user: Author; online: boolean };

describe("two nodes on PostgreSQL and Redis", () => {
  let cluster: TestCluster;
  let a: TestServer;
  let b: TestServer;
  const sockets: TestSocket[] = [];

  async function joined(server: TestServer, username: string): Promise<TestSocket> {
    const socket = await connectJoined(server.url, username);
    sockets.push(socket);
    return socket;
  }

  before(async () => {
    // A short presence expiry, so a dead node's users are swept in seconds rather than a minute.
    // Senders here go faster than a person, and their buckets are shared by both nodes.
    cluster = await startCluster({ PRESENCE_TTL_MS: "3000", RATE_LIMITS: "message:send=100/200" });
    ({ a, b } = cluster);
  });

  // Each test starts with nobody connected, so presence is its own.
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });

  after(async () => {
    await cluster.stop();
  });

  it("reports both nodes ready, Redis included", async () => {
    for (const node of [a, b]) {
      // A cold node on a loaded machine may miss the check's 2 s on its first database query; a
      // balancer asks again, and so does this test, for a while.
      const deadline = Date.now() + 30_000;
      let res = await fetch(`${node.url}/api/ready`);
      while (res.status !== 200 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        res = await fetch(`${node.url}/api/ready`);
      }
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: "ready", checks: { database: "ok", redis: "ok" } });
    }
  });

  it("delivers messages across nodes: every one on both, ordered by seq without gaps", async () => {
    const [aliceOnA, bobOnB] = await Promise.all([joined(a, "alice"), joined(b, "bob")]);
    const seenOnA = collect(aliceOnA);
    const seenOnB = collect(bobOnB);
    const sends = Array.from({ length: 20 }, (_, i) =>
      call(i % 2 ? bobOnB : aliceOnA, "message:send", { room: "lobby", text: `x${i}`, clientId: clientId() }),
    );
    for (const res of await Promise.all(sends)) assert.ok(res.ok);
    await until(aliceOnA, () => seenOnA.length === 20, "20 messages on node A");
    await until(bobOnB, () => seenOnB.length === 20, "20 messages on node B");
    // Two nodes publish concurrently, so raw arrival order may differ between them; clients order by
    // seq and fill gaps (lib/browser/rooms/room-state.ts). What both get is the same complete, gap-free run.
    const run = (list: ChatMessage[]) => list.map((m) => m.seq).sort((x, y) => x - y);
    assert.deepEqual(run(seenOnA), run(seenOnB));
    assert.equal(new Set(run(seenOnA)).size, 20);
    for (let i = 1; i < 20; i++) assert.equal(run(seenOnA)[i], run(seenOnA)[i - 1]! + 1);
  });

  it("shows presence across nodes", async () => {
    const aliceOnA = await joined(a, "alice");
    const events: Presence[] = [];
    aliceOnA.on("presence", (p) => events.push(p));
    const carolOnB = await joined(b, "carol");
    await until(aliceOnA, () => events.some((e) => e.user.username === "carol" && e.online), "carol online, seen from A");
    const res = await call(aliceOnA, "room:join", { room: "lobby" });
    assert.ok(res.ok && res.online.some((u) => u.username === "carol"), "A lists carol, connected to B");
    carolOnB.close();
    await until(aliceOnA, () => events.some((e) => e.user.username === "carol" && !e.online), "carol offline, seen from A");
  });

  it("keeps seq gap-free with concurrent senders on both nodes", async () => {
    const senders = await Promise.all(Array.from({ length: 8 }, (_, i) => joined(i % 2 ? b : a, ["alice", "bob", "carol"][i % 3]!)));
    const results = await Promise.all(
      senders.flatMap((s, i) => Array.from({ length: 10 }, (_, n) => call(s, "message:send", { room: "lobby", text: `c${i}-${n}`, clientId: clientId() }))),
    );
    const seqs = results.map((r) => (r.ok ? r.message.seq : -1)).sort((x, y) => x - y);
    assert.equal(new Set(seqs).size, 80);
    for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i], seqs[i - 1]! + 1);
  });

  it("loses nothing and duplicates nothing when node A dies with clients attached", async () => {
    const aliceOnA = await joined(a, "alice");
    const bobOnB = await joined(b, "bob");
    const events: Presence[] = [];
    bobOnB.on("presence", (p) => events.push(p));
    const received = collect(aliceOnA);
    const sent: ChatMessage[] = [];
    const send = async (n: number) => {
      const res = await call(bobOnB, "message:send", { room: "lobby", text: `f${n}`, clientId: clientId() });
      assert.ok(res.ok, JSON.stringify(res));
      sent.push(res.message);
    };
    for (let n = 0; n < 10; n++) await send(n);
    await until(aliceOnA, () => received.length === 10, "the first ten on A");

    await a.kill();
    // Its users drop off presence once their entries expire, unless they reconnect first.
    await waitFor(() => events.some((e) => e.user.username === "alice" && !e.online), "alice swept offline", 15_000);
    for (let n = 10; n < 25; n++) await send(n);

    // What a load balancer does after the failure: alice's client reconnects, to node B.
    const last = received.at(-1)!.seq;
    const aliceOnB = await joined(b, "alice");
    const res = await call(aliceOnB, "room:join", { room: "lobby", since: last });
    assert.ok(res.ok);
    const all = [...received, ...res.messages];
    assert.deepEqual(all.map((m) => m.id), sent.map((m) => m.id), "every message once, in order");
    const wentOffline = events.findIndex((e) => e.user.username === "alice" && !e.online);
    await waitFor(() => events.slice(wentOffline + 1).some((e) => e.user.username === "alice" && e.online), "alice online again");
  });
});
