import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { call, clientId, collect, connect, loginOrFail, logout, until, type TestSocket } from "../helpers/client";
import { eventually, killProcess, redisCheck, startRedis } from "../helpers/private-redis";
import { freePort, startServer, type TestServer } from "../helpers/server";
import { freshPostgres } from "../helpers/template-db";

// Issue 13 §2 on two nodes: Mallory (carol here) has a socket on node A and one on node B; Redis
// stops; what she does through A (leave a private room, sign out) reaches B from the database,
// not through the adapter that drops it. A private redis-server, so the shared one is untouched.

/** Two nodes on one PostgreSQL database and a private Redis, with the given session sweep interval. */
function twoNodes(sweepMs: number) {
  const state = {} as { redisPort: number; redis: ChildProcess; a: TestServer; b: TestServer; drop: () => Promise<void> };
  const sockets: TestSocket[] = [];
  before(async () => {
    state.redisPort = await freePort();
    state.redis = await startRedis(state.redisPort);
    const db = await freshPostgres();
    state.drop = db.drop;
    const env = { REDIS_URL: `redis://127.0.0.1:${state.redisPort}`, REDIS_PREFIX: "leave:", PRESENCE_TTL_MS: "3000", SESSION_CHECK_INTERVAL_MS: String(sweepMs) };
    [state.a, state.b] = await Promise.all([startServer({ databaseUrl: db.url, env }), startServer({ databaseUrl: db.url, env })]);
  });
  after(async () => {
    for (const s of sockets) s.close();
    await Promise.all([state.a.stop(), state.b.stop()]);
    await killProcess(state.redis);
    await state.drop();
  });
  const open = async (node: TestServer, cookie: string) => {
    const socket = await connect(node.url, { cookie });
    sockets.push(socket);
    return socket;
  };
  const bothRedis = (want: string) => async () => (await Promise.all([state.a, state.b].map(redisCheck))).every((c) => c === want);
  const stopRedis = async () => {
    await killProcess(state.redis);
    await eventually(bothRedis("failing"), "both nodes to report Redis failing");
  };
  const restartRedis = async () => {
    state.redis = await startRedis(state.redisPort);
    await eventually(bothRedis("ok"), "both nodes to report Redis back");
  };
  return { state, open, stopRedis, restartRedis };
}

/** Alice's private room on A with carol invited; carol's sockets (one per node) are in it. */
async function privateRoom(alice: TestSocket, carol: TestSocket[]): Promise<string> {
  const created = await call(alice, "room:create", { name: `plans ${clientId()}`, visibility: "private" });
  assert.ok(created.ok);
  assert.ok((await call(alice, "room:invite", { room: created.room.slug, username: "carol" })).ok);
  for (const s of carol) assert.ok((await call(s, "message:history", { room: created.room.slug, before: 1_000_000, limit: 1 })).ok, "carol is in the room");
  return created.room.slug;
}

/** Carol's socket gets the lobby marker sent after `message` but not `message` itself. */
async function receivesOnlyTheMarker(alice: TestSocket, socket: TestSocket, got: { id: number }[], slug: string): Promise<void> {
  const secret = await call(alice, "message:send", { room: slug, text: "not for carol", clientId: clientId() });
  const marker = await call(alice, "message:send", { room: "lobby", text: "marker", clientId: clientId() });
  assert.ok(secret.ok && marker.ok);
  await until(socket, () => got.some((m) => m.id === marker.message.id), "the lobby marker across nodes");
  assert.ok(!got.some((m) => m.id === secret.message.id), "carol's socket on B no longer receives the room");
}

describe("a leave through node A while Redis is down, with a sweep too slow to matter", () => {
  const cluster = twoNodes(60_000);

  it("refuses carol's socket on B at once for send and history; when Redis returns her other socket on B leaves the room", async () => {
    const { a, b } = cluster.state;
    const alice = await cluster.open(a, await loginOrFail(a.url, "alice"));
    const cookie = await loginOrFail(a.url, "carol");
    // onB asks (and is refused); passive never asks: only Redis's return can correct it here.
    const [onA, onB, passive] = [await cluster.open(a, cookie), await cluster.open(b, cookie), await cluster.open(b, cookie)];
    assert.ok((await call(alice, "room:join", { room: "lobby" })).ok && (await call(passive, "room:join", { room: "lobby" })).ok);
    const slug = await privateRoom(alice, [onA, onB, passive]);
    const removed: string[] = [];
    passive.on("room:removed", ({ room }) => removed.push(room));
    const got = collect(passive);

    await cluster.stopRedis();
    assert.ok((await call(onA, "room:leave", { room: slug })).ok);
    const sent = await call(onB, "message:send", { room: slug, text: "still here?", clientId: clientId() });
    assert.equal(sent.ok ? "stored" : sent.error.code, "forbidden", "a send through B after the leave");
    const history = await call(onB, "message:history", { room: slug, before: 1_000_000, limit: 10 });
    assert.equal(history.ok ? "served" : history.error.code, "forbidden", "history through B after the leave");

    await cluster.restartRedis();
    await until(passive, () => removed.includes(slug), "room:removed on B once Redis is back");
    await receivesOnlyTheMarker(alice, passive, got, slug);
  });
});

describe("a leave and a sign-out through node A while Redis stays down", () => {
  const cluster = twoNodes(500);

  it("B's sweep takes carol's socket out of the room, closes the signed-out session's sockets and refuses its cookie", async () => {
    const { a, b } = cluster.state;
    const alice = await cluster.open(a, await loginOrFail(a.url, "alice"));
    const cookie = await loginOrFail(a.url, "carol");
    const [onA, onB] = [await cluster.open(a, cookie), await cluster.open(b, cookie)];
    assert.ok((await call(alice, "room:join", { room: "lobby" })).ok && (await call(onB, "room:join", { room: "lobby" })).ok);
    const slug = await privateRoom(alice, [onA, onB]);
    const removed: string[] = [];
    onB.on("room:removed", ({ room }) => removed.push(room));
    let ended = false;
    const closed = new Promise<void>((resolve) => onB.once("disconnect", () => resolve()));
    onB.on("session:ended", () => (ended = true));

    await cluster.stopRedis();
    assert.ok((await call(onA, "room:leave", { room: slug })).ok);
    await until(onB, () => removed.includes(slug), "room:removed on B without Redis");

    await logout(a.url, cookie);
    await closed;
    assert.ok(ended, "B told the socket its session ended");
    const refused = await connect(b.url, { cookie }).then((s) => (s.close(), "connected"), (e: Error) => e.message);
    assert.equal(refused, "unauthorized", "B refuses the signed-out cookie");

    await cluster.restartRedis();
    const fresh = await cluster.open(b, await loginOrFail(b.url, "carol"));
    assert.ok((await call(fresh, "room:join", { room: "lobby" })).ok);
    const freshGot = collect(fresh);
    await receivesOnlyTheMarker(alice, fresh, freshGot, slug);
  });
});
