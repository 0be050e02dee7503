import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { call, clientId, connectJoined, waitFor, type TestSocket } from "../helpers/client";
import { eventually, killProcess, redisCheck, startRedis } from "../helpers/private-redis";
import { freePort, startServer, type TestServer } from "../helpers/server";
import { freshPostgres } from "../helpers/template-db";
import { appendMessages, lastSeqOf, type RoomState } from "@/lib/browser/rooms/room-state";
import type { ChatMessage } from "@/lib/shared/protocol";

// Redis goes away under two nodes and comes back. A private redis-server (no persistence, as a
// restarted cache would be), so the machine's shared Redis is never touched.

/**
 * What the browser does in an open room (lib/browser/rooms/room-state.ts): a gap-free run of seq; a
 * message that arrives after a gap makes it fill the gap with room:join since.
 */
async function follow(socket: TestSocket) {
  const joined = await call(socket, "room:join", { room: "lobby" });
  assert.ok(joined.ok);
  let state: RoomState = { messages: joined.messages };
  const live = new Set<number>();
  let catchUps = 0;
  let filling = false;
  const fill = async () => {
    if (filling) return;
    filling = true;
    catchUps++;
    try {
      for (;;) {
        const res = await call(socket, "room:join", { room: "lobby", since: lastSeqOf(state) });
        if (!res.ok) return;
        state = appendMessages(state, res.messages).state;
        if (lastSeqOf(state) >= res.room.lastSeq) return;
      }
    } finally {
      filling = false;
    }
  };
  socket.on("message:new", (message: ChatMessage) => {
    live.add(message.seq);
    const next = appendMessages(state, [message]);
    state = next.state;
    if (next.gap) void fill();
  });
  return { last: () => lastSeqOf(state), ids: () => state.messages.map((m) => m.id), live, catchUps: () => catchUps };
}

describe("Redis outage under two nodes", () => {
  let db: { url: string; drop: () => Promise<void> };
  let redisPort: number;
  let redis: ChildProcess;
  let a: TestServer;
  let b: TestServer;
  const sockets: TestSocket[] = [];

  before(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    db = await freshPostgres();
    const env = { REDIS_URL: `redis://127.0.0.1:${redisPort}`, REDIS_PREFIX: "outage:", PRESENCE_TTL_MS: "3000", RATE_LIMITS: "message:send=1000/1000,room:join=1000/1000" };
    [a, b] = await Promise.all([startServer({ databaseUrl: db.url, env }), startServer({ databaseUrl: db.url, env })]);
  });

  after(async () => {
    for (const s of sockets) s.close();
    await Promise.all([a.stop(), b.stop()]);
    await killProcess(redis);
    await db.drop();
  });

  async function joined(node: TestServer, username: string): Promise<TestSocket> {
    const socket = await connectJoined(node.url, username);
    sockets.push(socket);
    return socket;
  }

  async function send(socket: TestSocket, text: string): Promise<ChatMessage> {
    const res = await call(socket, "message:send", { room: "lobby", text, clientId: clientId() });
    assert.ok(res.ok, `"${text}" acknowledged`);
    return res.message;
  }

  const bothRedis = (want: string) => async () => (await Promise.all([a, b].map(redisCheck))).every((c) => c === want);

  it("keeps each node serving its own clients, then delivers across nodes again with catch-up", async () => {
    const [alice, carol, bob] = await Promise.all([joined(a, "alice"), joined(a, "carol"), joined(b, "bob")]);
    const [onCarol, onBob] = await Promise.all([follow(carol), follow(bob)]);
    const acked = [await send(alice, "before the outage")];
    await waitFor(() => onBob.live.has(acked[0]!.seq), "delivery across nodes before the outage");

    await killProcess(redis);
    await eventually(bothRedis("failing"), "both nodes to report Redis failing");
    // Live delivery on the sender's node does not wait for Redis: the broadcast reaches carol's
    // socket before she gets the answer to a request (database only) sent after the ack.
    const deliveredBeforeNextAnswer = async (receiver: TestSocket, seen: Set<number>, message: ChatMessage) => {
      const res = await call(receiver, "message:history", { room: "lobby", before: message.seq, limit: 1 });
      assert.ok(res.ok);
      assert.ok(seen.has(message.seq), `seq ${message.seq} delivered live while Redis is down`);
    };
    for (let i = 0; i < 3; i++) {
      acked.push(await send(alice, `during ${i} from A`));
      await deliveredBeforeNextAnswer(carol, onCarol.live, acked.at(-1)!);
    }
    acked.push(await send(bob, "during, from B"));
    await deliveredBeforeNextAnswer(bob, onBob.live, acked.at(-1)!);
    // Presence answers from each node's own sockets rather than waiting for Redis.
    const [onA, onB] = await Promise.all([call(alice, "room:join", { room: "lobby" }), call(bob, "room:join", { room: "lobby" })]);
    assert.ok(onA.ok && onB.ok);
    assert.deepEqual(onA.online.map((u) => u.username).sort(), ["alice", "carol"]);
    assert.deepEqual(onB.online.map((u) => u.username), ["bob"]);

    redis = await startRedis(redisPort);
    await eventually(bothRedis("ok"), "both nodes to report Redis back");
    const afterwards = await send(alice, "after the outage");
    acked.push(afterwards);
    await waitFor(() => onBob.live.has(afterwards.seq), "delivery across nodes after the outage");
    const all = acked.map((m) => m.id).sort((x, y) => x - y);
    await waitFor(() => onBob.last() >= afterwards.seq && onCarol.last() >= afterwards.seq, "both runs complete");
    for (const view of [onBob, onCarol]) {
      assert.deepEqual(view.ids().filter((id) => all.includes(id)), all, "every acknowledged message, once, in order");
      assert.ok(view.catchUps() >= 1, "the missed messages came through a catch-up");
    }
    const bobOnlineFromA = async () => {
      const res = await call(alice, "room:join", { room: "lobby" });
      return res.ok && res.online.some((u) => u.username === "bob");
    };
    await eventually(bobOnlineFromA, "presence shared across nodes again");
  });
});
