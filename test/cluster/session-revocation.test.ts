import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createClient } from "redis";
import { runAdmin } from "../helpers/admin";
import { connect, loginOrFail, waitFor, type TestSocket } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";
import { freshPostgres } from "../helpers/template-db";

// The admin command runs in its own process; each node learns of the change from the database.
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `chat-test-${process.pid}-${Date.now().toString(36)}:`;
const REVOCATION_MS = 5_000;

describe("ending sessions on two nodes", () => {
  let db: { url: string; drop: () => Promise<void> };
  let a: TestServer;
  let b: TestServer;

  before(async () => {
    db = await freshPostgres();
    const env = { REDIS_URL, REDIS_PREFIX: prefix };
    [a, b] = await Promise.all([startServer({ databaseUrl: db.url, env }), startServer({ databaseUrl: db.url, env })]);
  });

  after(async () => {
    await Promise.all([a.stop(), b.stop()]);
    await db.drop();
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) if (keys.length) await redis.del(keys);
    await redis.close();
  });

  it("disabling a user closes their sockets on every node within 5 s, and neither node accepts the cookie", async () => {
    const cookie = await loginOrFail(a.url, "alice");
    const sockets: TestSocket[] = [await connect(a.url, { cookie }), await connect(b.url, { cookie })];
    const bob = await connect(b.url, { cookie: await loginOrFail(b.url, "bob") });
    const closed = new Set<TestSocket>();
    for (const s of sockets) s.on("disconnect", () => closed.add(s));

    const result = await runAdmin(a, ["disable", "alice"]);
    assert.equal(result.code, 0, result.stderr);
    await waitFor(() => closed.size === sockets.length, "alice's sockets on both nodes to close", REVOCATION_MS);
    assert.equal(bob.connected, true);
    for (const server of [a, b]) {
      await assert.rejects(connect(server.url, { cookie }), (e: Error) => e.message === "unauthorized");
    }
    bob.close();
  });
});
