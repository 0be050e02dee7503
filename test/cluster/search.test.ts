import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startCluster, type TestCluster } from "../helpers/cluster";
import { call, clientId, connectJoined, type TestSocket } from "../helpers/client";

// Search on two nodes sharing PostgreSQL: both run the indexer (a room is indexed by one at a time,
// under an advisory lock), and a message sent on one node is found on the other within a second.
describe("search across two nodes", () => {
  let cluster: TestCluster;
  const sockets: TestSocket[] = [];

  before(async () => {
    cluster = await startCluster({ RATE_LIMIT_FACTOR: "100" });
  });
  after(async () => {
    for (const socket of sockets) socket.close();
    await cluster.stop();
  });

  it("finds on node B, within a second of its ack, a message sent on node A; each once", async () => {
    const [aliceOnA, bobOnB] = await Promise.all([connectJoined(cluster.a.url, "alice"), connectJoined(cluster.b.url, "bob")]);
    sockets.push(aliceOnA, bobOnB);
    for (let round = 0; round < 5; round++) {
      const word = `numbat${round}x${Date.now().toString(36)}`;
      const sent = await call(aliceOnA, "message:send", { room: "lobby", text: `a ${word} on node A`, clientId: clientId() });
      assert.ok(sent.ok);
      const deadline = Date.now() + 1000;
      for (;;) {
        const res = await call(bobOnB, "message:search", { query: word });
        assert.ok(res.ok, JSON.stringify(res));
        if (res.results.length > 0) {
          assert.deepEqual(res.results.map((r) => r.message.seq), [sent.message.seq]);
          break;
        }
        assert.ok(Date.now() < deadline, `round ${round}: found on node B within 1 s`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  });
});
