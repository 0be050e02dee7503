import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { startCluster, type TestCluster } from "../helpers/cluster";
import { eventually, killProcess, redisCheck, startRedis } from "../helpers/private-redis";
import { freePort, startServer, type TestServer } from "../helpers/server";
import { assertThrottled, attempt } from "../helpers/sign-in-attempt";
import { freshPostgres } from "../helpers/template-db";

// Long lockouts, so none ends while a test looks at it.
const THROTTLE_ENV = { TRUST_PROXY: "true", LOGIN_LOCKOUT_MAX_MS: "60000", LOGIN_ATTEMPTS_PER_MINUTE: "4" };

/** Five wrong passwords for `username`, alternating between the nodes, each from its own address. */
async function failAcross(nodes: TestServer[], username: string, addressPrefix: string): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const node = nodes[i % nodes.length]!;
    assert.equal((await attempt(node.url, username, `guess-${i}`, `${addressPrefix}${i}`)).error, "CredentialsSignin");
  }
}

describe("login throttling across two nodes", () => {
  let cluster: TestCluster;

  before(async () => {
    cluster = await startCluster(THROTTLE_ENV);
  });
  after(() => cluster.stop());

  it("counts a username's failures on both nodes against one budget", async () => {
    const { a, b } = cluster;
    // Three failures on A, two on B: five in all, the per-username limit.
    await failAcross([a, b], "bob", "203.0.113.");
    assertThrottled(await attempt(a.url, "bob", "bob-password", "203.0.113.20"), "node A to lock the username");
    assertThrottled(await attempt(b.url, "bob", "bob-password", "203.0.113.21"), "node B to lock the username");
  });

  it("counts an address's sign-ins, right or wrong, on both nodes against one budget", async () => {
    const { a, b } = cluster;
    for (const node of [a, b, a, b]) assert.equal((await attempt(node.url, "alice", "alice-password", "198.51.100.40")).signedIn, true);
    assertThrottled(await attempt(a.url, "alice", "alice-password", "198.51.100.40"), "the 5th sign-in on A to wait");
    assertThrottled(await attempt(b.url, "alice", "alice-password", "198.51.100.40"), "the 6th sign-in on B to wait");
  });
});

describe("login throttling while Redis is away", () => {
  let redisPort: number;
  let redis: ChildProcess;
  let a: TestServer;
  let b: TestServer;
  let dropDb: () => Promise<void>;

  before(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    const db = await freshPostgres();
    dropDb = db.drop;
    const env = { ...THROTTLE_ENV, LOGIN_ATTEMPTS_PER_MINUTE: "1000", REDIS_URL: `redis://127.0.0.1:${redisPort}`, REDIS_PREFIX: "throttle-outage:" };
    [a, b] = await Promise.all([startServer({ databaseUrl: db.url, env }), startServer({ databaseUrl: db.url, env })]);
  });

  after(async () => {
    await Promise.all([a.stop(), b.stop()]);
    await killProcess(redis);
    await dropDb();
  });

  const bothRedis = (want: string) => async () => (await Promise.all([a, b].map(redisCheck))).every((c) => c === want);

  it("throttles on each node alone while Redis is stopped, and shares one budget again once it is back", async () => {
    await killProcess(redis);
    await eventually(bothRedis("failing"), "both nodes to report Redis failing");
    // Sign-ins are still answered, and still throttled, by the node's own memory.
    for (let i = 0; i < 5; i++) assert.equal((await attempt(a.url, "carol", `guess-${i}`, "203.0.113.60")).error, "CredentialsSignin");
    assertThrottled(await attempt(a.url, "carol", "carol-password", "203.0.113.61"), "node A to lock the username on its own");
    assert.equal((await attempt(b.url, "alice", "alice-password", "203.0.113.62")).signedIn, true, "node B still signs users in");

    redis = await startRedis(redisPort);
    await eventually(bothRedis("ok"), "both nodes to report Redis back");
    await failAcross([a, b], "bob", "203.0.114.");
    assertThrottled(await attempt(a.url, "bob", "bob-password", "203.0.114.20"), "node A to lock the username again from the shared count");
    assertThrottled(await attempt(b.url, "bob", "bob-password", "203.0.114.21"), "node B to lock it too");
  });
});
