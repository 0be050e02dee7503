import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { call, clientId, connect, loginOrFail, waitFor, type TestSocket } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";
import type { ChatMessage } from "@/lib/shared/protocol";

// SIGKILL while several clients send at once, then a restart on the same database: every
// acknowledged message is stored as acknowledged, and the clients' retries (same clientId, as the
// outbox does) store each unacknowledged one exactly once.

const USERS = ["alice", "bob", "carol"];
const SOCKETS_PER_USER = 2;

interface Attempt {
  user: string;
  clientId: string;
  text: string;
  acked?: ChatMessage;
}

describe("crash under load", () => {
  let server: TestServer;
  const cookies = new Map<string, string>();
  before(async () => {
    // The load is the point here, not the per-user rate limit (RATE_LIMITS, from the abuse work).
    server = await startServer({ env: { RATE_LIMITS: "message:send=1000/1000,room:join=1000/1000" } });
    for (const user of USERS) cookies.set(user, await loginOrFail(server.url, user));
  });
  after(() => server.stop());

  async function joinedAs(user: string): Promise<TestSocket> {
    const socket = await connect(server.url, { cookie: cookies.get(user)! });
    const res = await call(socket, "room:join", { room: "lobby" });
    assert.ok(res.ok);
    return socket;
  }

  async function stream(socket: TestSocket, user: string, attempts: Attempt[]): Promise<void> {
    for (let n = 0; ; n++) {
      const attempt: Attempt = { user, clientId: clientId(`load-${user}`), text: `${user} ${n}` };
      attempts.push(attempt);
      const res = await call(socket, "message:send", { room: "lobby", text: attempt.text, clientId: attempt.clientId }).catch(() => null);
      if (!res?.ok) return;
      attempt.acked = res.message;
    }
  }

  async function storedSince(seq: number): Promise<ChatMessage[]> {
    const reader = await joinedAs("alice");
    const res = await call(reader, "room:join", { room: "lobby", since: seq });
    reader.close();
    assert.ok(res.ok);
    return res.messages;
  }

  it("loses no acknowledged message and stores each retried one exactly once", async () => {
    const marker = await joinedAs("alice");
    const start = await call(marker, "message:send", { room: "lobby", text: "start", clientId: clientId() });
    marker.close();
    assert.ok(start.ok);

    const senders = await Promise.all(USERS.flatMap((user) => Array.from({ length: SOCKETS_PER_USER }, async () => ({ user, socket: await joinedAs(user) }))));
    const attempts: Attempt[] = [];
    const streams = senders.map(({ socket, user }) => stream(socket, user, attempts));
    await waitFor(() => attempts.filter((a) => a.acked).length >= 100, "100 acknowledged sends", 30_000);
    await server.kill();
    await Promise.all(streams);
    for (const { socket } of senders) socket.close();
    await server.restart();

    const acked = attempts.filter((a) => a.acked);
    const stored = await storedSince(start.message.seq);
    const byClientId = new Map(stored.map((m) => [m.clientId, m]));
    assert.equal(byClientId.size, stored.length, "no clientId stored twice");
    for (const a of acked) assert.deepEqual(byClientId.get(a.clientId), a.acked, "every acknowledged message is stored as acknowledged");
    // Only the sends in flight at the kill (one per socket at most) can be stored unacknowledged.
    assert.ok(stored.length - acked.length <= senders.length, `${stored.length - acked.length} stored without an ack`);
    stored.forEach((m, i) => assert.equal(m.seq, start.message.seq + 1 + i, "seq gap-free"));

    // Every client sends its unacknowledged messages again, with the same clientIds.
    const unacked = attempts.filter((a) => !a.acked);
    assert.ok(unacked.length >= 1 && unacked.length <= senders.length);
    const retrying = new Map<string, TestSocket>();
    for (const user of USERS) retrying.set(user, await joinedAs(user));
    for (const a of unacked) {
      const res = await call(retrying.get(a.user)!, "message:send", { room: "lobby", text: a.text, clientId: a.clientId });
      assert.ok(res.ok, "a retry is acknowledged");
      const earlier = byClientId.get(a.clientId);
      if (earlier) assert.deepEqual(res.message, earlier, "a retry of a stored send returns the stored message");
    }
    for (const socket of retrying.values()) socket.close();

    const final = await storedSince(start.message.seq);
    assert.deepEqual(final.map((m) => m.clientId).sort(), attempts.map((a) => a.clientId).sort(), "every attempt stored exactly once");
    final.forEach((m, i) => assert.equal(m.seq, start.message.seq + 1 + i, "seq gap-free after the retries"));
  });
});
