import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { call, clientId, collect, connect, loginOrFail, logout, until, type TestSocket } from "../helpers/client";
import { executeOnDatabase } from "../helpers/db-execute";
import { queryDatabase } from "../helpers/db-query";
import { startServer, type TestServer } from "../helpers/server";

// Issue 13 §2 on one node: membership and sessions changed in the database by someone else (another
// node whose adapter message was lost, as while Redis is away) count at once for every room action,
// and the session sweep brings the socket's channels and sessions in line.

describe("authorization from the database", () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];

  before(async () => {
    server = await startServer({ env: { SESSION_CHECK_INTERVAL_MS: "300" } });
  });
  after(async () => {
    for (const s of sockets) s.close();
    await server.stop();
  });

  async function open(cookie: string): Promise<TestSocket> {
    const socket = await connect(server.url, { cookie });
    sockets.push(socket);
    return socket;
  }

  const sql = (statement: string, params: unknown[] = []) => executeOnDatabase(server.databaseUrl, statement, params);

  async function userId(username: string): Promise<number> {
    const [row] = await queryDatabase<{ id: number }>(server.databaseUrl, `SELECT "id" FROM "User" WHERE "username" = '${username}'`);
    return Number(row!.id);
  }

  /** Alice's new private room with carol invited; carol's sockets are subscribed to it. */
  async function privateRoomWithCarol(alice: TestSocket, carolSockets: TestSocket[]): Promise<{ slug: string; id: number }> {
    const created = await call(alice, "room:create", { name: `plans ${clientId()}`, visibility: "private" });
    assert.ok(created.ok);
    const slug = created.room.slug;
    const invited = await call(alice, "room:invite", { room: slug, username: "carol" });
    assert.ok(invited.ok);
    for (const s of carolSockets) assert.ok((await call(s, "message:history", { room: slug, before: 1_000_000, limit: 1 })).ok, "carol is in the room");
    const [row] = await queryDatabase<{ id: number }>(server.databaseUrl, `SELECT "id" FROM "Room" WHERE "slug" = '${slug}'`);
    return { slug, id: Number(row!.id) };
  }

  it("refuses at once a member removed elsewhere (send, history, typing), stores the others' sends without a gap, and the sweep unsubscribes her", async () => {
    const alice = await open(await loginOrFail(server.url, "alice"));
    const carolCookie = await loginOrFail(server.url, "carol");
    const [probe, passive] = [await open(carolCookie), await open(carolCookie)];
    for (const s of [alice, passive]) assert.ok((await call(s, "room:join", { room: "lobby" })).ok);
    const room = await privateRoomWithCarol(alice, [probe, passive]);
    const removed: string[] = [];
    passive.on("room:removed", ({ room: slug }) => removed.push(slug));
    const passiveGot = collect(passive);
    const first = await call(alice, "message:send", { room: room.slug, text: "before", clientId: clientId() });
    assert.ok(first.ok);

    // Another node's leave: the row goes, the version moves, no adapter message arrives here.
    const carol = await userId("carol");
    await sql(`DELETE FROM "Member" WHERE "roomId" = ? AND "userId" = ?`, [room.id, carol]);
    await sql(`UPDATE "User" SET "membershipVersion" = "membershipVersion" + 1 WHERE "id" = ?`, [carol]);

    const [hers, alices] = await Promise.all([
      call(probe, "message:send", { room: room.slug, text: "after leaving", clientId: clientId() }),
      call(alice, "message:send", { room: room.slug, text: "same batch", clientId: clientId() }),
    ]);
    assert.equal(hers.ok ? "stored" : hers.error.code, "forbidden", "a send after the leave is refused");
    assert.ok(alices.ok, "a member's send in the same batch is stored");
    assert.equal(alices.message.seq, first.message.seq + 1, "the refused send left no seq gap");
    const history = await call(probe, "message:history", { room: room.slug, before: 1_000_000, limit: 10 });
    assert.equal(history.ok ? "served" : history.error.code, "forbidden", "history after the leave is refused");
    const typing = await call(probe, "typing", { room: room.slug, typing: true });
    assert.equal(typing.ok ? "relayed" : typing.error.code, "forbidden");

    // The passive socket never asked: the sweep takes it out of the room.
    await until(passive, () => removed.includes(room.slug), "room:removed from the sweep");
    const later = await call(alice, "message:send", { room: room.slug, text: "not for carol", clientId: clientId() });
    assert.ok(later.ok);
    const marker = await call(alice, "message:send", { room: "lobby", text: "lobby marker", clientId: clientId() });
    assert.ok(marker.ok);
    await until(passive, () => passiveGot.some((m) => m.id === marker.message.id), "the lobby marker");
    assert.ok(!passiveGot.some((m) => m.id === later.message.id), "no message of the room after the leave");
  });

  it("subscribes a socket to a membership added elsewhere (room:added), within the sweep", async () => {
    const alice = await open(await loginOrFail(server.url, "alice"));
    const bobSocket = await open(await loginOrFail(server.url, "bob"));
    const created = await call(alice, "room:create", { name: `secret ${clientId()}`, visibility: "private" });
    assert.ok(created.ok);
    const [row] = await queryDatabase<{ id: number }>(server.databaseUrl, `SELECT "id" FROM "Room" WHERE "slug" = '${created.room.slug}'`);
    const added: string[] = [];
    bobSocket.on("room:added", (summary) => added.push(summary.slug));
    const got = collect(bobSocket);
    const bob = await userId("bob");
    await sql(`INSERT INTO "Member" ("roomId", "userId", "lastReadSeq") VALUES (?, ?, 0)`, [Number(row!.id), bob]);
    await sql(`UPDATE "User" SET "membershipVersion" = "membershipVersion" + 1 WHERE "id" = ?`, [bob]);
    await until(bobSocket, () => added.includes(created.room.slug), "room:added from the sweep");
    const sent = await call(alice, "message:send", { room: created.room.slug, text: "welcome", clientId: clientId() });
    assert.ok(sent.ok);
    await until(bobSocket, () => got.some((m) => m.id === sent.message.id), "the room's message");
  });

  it("refuses a signed-out session's cookie at the handshake, and closes the sockets of a session ended elsewhere", async () => {
    const cookie = await loginOrFail(server.url, "bob");
    (await open(cookie)).close();
    await logout(server.url, cookie);
    const refused = await connect(server.url, { cookie }).then((s) => (s.close(), "connected"), (e: Error) => e.message);
    assert.equal(refused, "unauthorized", "the cookie kept after signing out opens no socket");
    const session = (await (await fetch(`${server.url}/api/auth/session`, { headers: { cookie } })).json()) as { user?: unknown };
    assert.equal(session.user, undefined, "nor a page session");

    const other = await loginOrFail(server.url, "bob");
    const socket = await open(other);
    let ended = false;
    let closed = false;
    socket.on("session:ended", () => (ended = true));
    socket.on("disconnect", () => (closed = true));
    const [sid] = await queryDatabase<{ n: number }>(server.databaseUrl, `SELECT COUNT(*) AS n FROM "EndedSession"`);
    assert.equal(Number(sid!.n), 1, "the sign-out was recorded");
    // Another node's sign-out of this session: only the database tells this node.
    const token = decodeURIComponent(other.match(/next-auth\.session-token=([^;]+)/)![1]!);
    const sessionId = await sessionIdOf(token);
    await sql(`INSERT INTO "EndedSession" ("id") VALUES (?)`, [sessionId]);
    await until(socket, () => ended, "session:ended from the sweep");
    await new Promise<void>((resolve) => (closed ? resolve() : socket.once("disconnect", () => resolve())));
    const again = await connect(server.url, { cookie: other }).then((s) => (s.close(), "connected"), (e: Error) => e.message);
    assert.equal(again, "unauthorized");
  });
});

/** The `sid` inside a session cookie, decoded with the test secret by the server's own codec. */
async function sessionIdOf(token: string): Promise<string> {
  const { decodeSessionToken } = await import("@/lib/server/auth/session-codec");
  const { TEST_SECRET } = await import("../helpers/template-db");
  const payload = await decodeSessionToken({ token, secret: TEST_SECRET });
  assert.equal(typeof payload?.sid, "string");
  return payload!.sid;
}
