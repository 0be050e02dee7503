import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startCluster, type TestCluster } from "../helpers/cluster";
import { runAdmin } from "../helpers/admin";
import { connect, loginOrFail, waitFor, type TestSocket } from "../helpers/client";
import type { TestServer } from "../helpers/server";

// The admin command runs in its own process; each node learns of the change from the database.
const REVOCATION_MS = 5_000;

describe("ending sessions on two nodes", () => {
  let cluster: TestCluster;
  let a: TestServer;
  let b: TestServer;

  before(async () => {
    cluster = await startCluster();
    ({ a, b } = cluster);
  });

  after(async () => {
    await cluster.stop();
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
