import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { createClient } from "redis";
import { startCluster, type TestCluster } from "../helpers/cluster";
import { call, connectJoined, type TestSocket } from "../helpers/client";
import { retryAfter } from "../helpers/rate-limited";
import { freePort, startServer, type TestServer } from "../helpers/server";
import { freshPostgres } from "../helpers/template-db";

// Rate limits shared by two nodes through Redis, and what a node does when Redis goes away.
// room:list: no side effects. A burst of 10 and a slow refill, so the test sees the bucket empty.
const RATE_LIMITS = "room:list=0.2/10";

const list = (socket: TestSocket) => call(socket, "room:list", {});
const refusals = (answers: Awaited<ReturnType<typeof list>>[]) => answers.filter((r) => retryAfter(r) !== null).length;

describe("rate limits across two nodes", () => {
  let cluster: TestCluster;
  let a: TestServer;
  let b: TestServer;
  const sockets: TestSocket[] = [];

  before(async () => {
    cluster = await startCluster({ RATE_LIMITS });
    ({ a, b } = cluster);
  });

  after(async () => {
    for (const s of sockets) s.close();
    await cluster.stop();
  });

  it("shares one bucket per user: a burst spent on node A is spent on node B too", async () => {
    const [onA, onB] = await Promise.all([connectJoined(a.url, "alice"), connectJoined(b.url, "alice")]);
    sockets.push(onA, onB);
    const first = await Promise.all(Array.from({ length: 10 }, () => list(onA)));
    assert.equal(refusals(first), 0, "the burst of 10 passes on A");
    const second = await list(onB);
    assert.ok(retryAfter(second)! > 0, "B refuses: the bucket is the same");
    const bob = await connectJoined(b.url, "bob");
    sockets.push(bob);
    assert.ok((await list(bob)).ok, "another user's bucket is his own");
  });

  it("promises each refusal of the shared bucket its own later token", async () => {
    const [onA, onB] = await Promise.all([connectJoined(a.url, "carol"), connectJoined(b.url, "carol")]);
    sockets.push(onA, onB);
    await Promise.all(Array.from({ length: 10 }, () => list(onA)));
    // B's own bucket is full, so each of these is decided by the shared bucket in Redis: one token
    // per 5 s, each refusal told about 5 s later than the one before, not all the next token.
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) waits.push(retryAfter(await list(onB))!);
    waits.slice(1).forEach((wait, i) => assert.ok(wait > waits[i]! + 4000 && wait <= waits[i]! + 5000, `waits ${waits.join(", ")}`));
  });
});

describe("rate limits when Redis goes away", () => {
  let redis: ChildProcess;
  let node: TestServer;
  let db: { url: string; drop: () => Promise<void> };

  before(async () => {
    // A Redis of this test's own, so stopping it disturbs nobody else.
    const port = await freePort();
    redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    const url = `redis://127.0.0.1:${port}`;
    const probe = createClient({ url, socket: { reconnectStrategy: (n) => (n > 50 ? new Error("no redis") : 100) } });
    await probe.connect();
    await probe.close();
    db = await freshPostgres();
    node = await startServer({ databaseUrl: db.url, env: { RATE_LIMITS, REDIS_URL: url, REDIS_PREFIX: "chat-test-rl:" } });
  });
  after(async () => {
    if (redis.exitCode === null) redis.kill("SIGKILL");
    await node.stop();
    await db.drop();
  });

  it("falls back to the node's own buckets: events are still answered, and still limited", async () => {
    const alice = await connectJoined(node.url, "alice");
    try {
      const exited = new Promise((resolve) => redis.once("exit", resolve));
      redis.kill("SIGKILL");
      await exited;
      const answers = await Promise.all(Array.from({ length: 15 }, () => list(alice)));
      const limited = refusals(answers);
      assert.ok(answers.filter((r) => r.ok).length >= 9, "not everything is refused");
      assert.ok(limited >= 4, `${limited} of 15 refused by the local bucket`);
    } finally {
      alice.close();
    }
  });
});
