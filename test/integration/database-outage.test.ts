import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { call, clientId, connectJoined, type TestSocket } from "../helpers/client";
import { holdSqliteWriteLock, pgProxy, pgRefuse, type Outage } from "../helpers/outage";
import { startServer, type TestServer } from "../helpers/server";
import { freshPostgres, testDatabase } from "../helpers/template-db";

// The database goes away under a running server: on SQLite another process holds the write lock
// (reads keep working, WAL); on PostgreSQL a proxy between server and database drops every
// connection and refuses new ones. Sends answer `unavailable`, nothing unstored is acknowledged,
// and the server recovers by itself once the database is back.

// Retries and polling are the point here, not the per-user rate limits (RATE_LIMITS, from the abuse work).
const LIMITS = { RATE_LIMITS: "message:send=1000/1000,room:join=1000/1000" };

async function readiness(server: TestServer): Promise<{ status: number; database: string }> {
  const res = await fetch(`${server.url}/api/ready`);
  const body = (await res.json()) as { checks: { database: string } };
  return { status: res.status, database: body.checks.database };
}

async function untilReady(server: TestServer): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await readiness(server)).status !== 200) {
    if (Date.now() > deadline) throw new Error("the server did not report ready again");
  }
}

describe(`database outage (${testDatabase})`, () => {
  let server: TestServer;
  let outage: Outage;
  let proxyDrop = async () => {};
  let directUrl = "";

  before(async () => {
    if (testDatabase === "postgres") {
      const db = await freshPostgres();
      directUrl = db.url;
      const proxy = await pgProxy(db.url);
      outage = proxy;
      proxyDrop = async () => {
        await proxy.close();
        await db.drop();
      };
      server = await startServer({ databaseUrl: proxy.url, env: LIMITS });
    } else {
      server = await startServer({ env: LIMITS });
      outage = holdSqliteWriteLock(server.databaseUrl);
    }
  });
  after(async () => {
    await outage.end();
    await server.stop();
    await proxyDrop();
  });

  const send = (socket: TestSocket, text: string, id = clientId()) => call(socket, "message:send", { room: "lobby", text, clientId: id });

  it("answers unavailable while the database is away, acknowledges nothing it did not store, and recovers", async () => {
    const alice = await connectJoined(server.url, "alice");
    const first = await send(alice, "before the outage");
    assert.ok(first.ok);

    await outage.begin();
    // Several at once: a failed batch fails all its sends together, each within bounded time.
    const ids = Array.from({ length: 5 }, () => clientId("outage"));
    const during = await Promise.all(ids.map((id, i) => send(alice, `during ${i}`, id)));
    for (const res of during) assert.deepEqual(res.ok ? "stored" : res.error.code, "unavailable");
    const ready = await readiness(server);
    assert.deepEqual(ready, { status: 503, database: "failing" });

    const reads = await Promise.all([
      call(alice, "message:history", { room: "lobby", before: first.message.seq + 1, limit: 10 }),
      call(alice, "room:join", { room: "lobby" }),
      call(alice, "room:list", {}),
    ]);
    for (const res of reads) {
      // SQLite in WAL mode: a held write lock leaves readers alone. PostgreSQL: no connection at all.
      if (testDatabase === "sqlite") assert.ok(res.ok, "reads still work beside a held write lock");
      else assert.deepEqual(res.ok ? "ok" : res.error.code, "unavailable");
    }

    await outage.end();
    await untilReady(server);
    // The client's outbox sends again with the same clientIds: each is stored exactly once.
    const retried = await Promise.all(ids.map((id, i) => send(alice, `during ${i}`, id)));
    const again = await send(alice, "during 0", ids[0]);
    assert.ok(again.ok && retried[0]!.ok && again.message.id === retried[0]!.message.id);
    const join = await call(alice, "room:join", { room: "lobby", since: first.message.seq });
    alice.close();
    assert.ok(join.ok);
    assert.deepEqual(
      join.messages.map((m) => m.clientId),
      retried.map((r) => (r.ok ? r.message.clientId : "failed")),
      "exactly the retried sends, once each, nothing from the outage itself",
    );
    for (let i = 0; i < join.messages.length; i++) assert.equal(join.messages[i]!.seq, first.message.seq + 1 + i);
  });

  it("serves again after a second outage without a restart", async () => {
    const bob = await connectJoined(server.url, "bob");
    await outage.begin();
    const refused = await send(bob, "lost?");
    assert.equal(refused.ok ? "stored" : refused.error.code, "unavailable");
    await outage.end();
    await untilReady(server);
    const res = await send(bob, "after");
    bob.close();
    assert.ok(res.ok, "a send succeeds once the database is back");
  });

  it("answers unavailable while PostgreSQL terminates its connections and refuses new ones", { skip: testDatabase !== "postgres" }, async () => {
    const carol = await connectJoined(server.url, "carol");
    const refusing = pgRefuse(directUrl);
    await refusing.begin();
    try {
      const id = clientId();
      const refused = await send(carol, "while refused", id);
      assert.equal(refused.ok ? "stored" : refused.error.code, "unavailable");
      const history = await call(carol, "message:history", { room: "lobby", before: 1_000_000, limit: 5 });
      assert.equal(history.ok ? "ok" : history.error.code, "unavailable");
    } finally {
      await refusing.end();
    }
    await untilReady(server);
    const res = await send(carol, "once allowed again");
    carol.close();
    assert.ok(res.ok);
  });
});
