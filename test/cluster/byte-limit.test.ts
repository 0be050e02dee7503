import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { MAX_TEXT_CHARS } from "@/lib/shared/protocol";
import { startCluster, type TestCluster } from "../helpers/cluster";
import { call, connectAs, connectJoined, type TestSocket } from "../helpers/client";
import { fillRoom } from "../helpers/fill-room";
import { retryAfter } from "../helpers/rate-limited";

// The byte limit on history and catch-up (issue 13 §1) is one bucket per user across nodes: bytes
// pulled through node A leave the user in debt on node B too. RATE_LIMIT_FACTOR 0.25: the bucket
// holds 1 MiB and refills at 1 MiB/s, so two large pages on A put the user about a second in debt.

describe("the byte limit across two nodes", () => {
  let cluster: TestCluster;
  const sockets: TestSocket[] = [];
  let slug: string;

  before(async () => {
    cluster = await startCluster({ RATE_LIMIT_FACTOR: "0.25" });
    const alice = await connectAs(cluster.a.url, "alice");
    sockets.push(alice);
    const created = await call(alice, "room:create", { name: "Huge", visibility: "public" });
    assert.ok(created.ok);
    slug = created.room.slug;
    await fillRoom(cluster.a.databaseUrl, { room: slug, author: "alice", count: 200, text: "\u0001".repeat(MAX_TEXT_CHARS) });
    // The newest page, which every room:join serves and charges, is small: joining leaves each
    // user's bucket nearly full, and only the history pages below move it (seq 1-200 are large).
    await fillRoom(cluster.a.databaseUrl, { room: slug, author: "alice", count: 50, text: "small" });
  });

  after(async () => {
    for (const s of sockets) s.close();
    await cluster.stop();
  });

  it("pages served through node A are charged on node B", async () => {
    const [onA, onB] = await Promise.all([connectJoined(cluster.a.url, "alice", slug), connectJoined(cluster.b.url, "alice", slug)]);
    sockets.push(onA, onB);
    const pages = await Promise.all([1, 2].map(() => call(onA, "message:history", { room: slug, before: 201, limit: 100 })));
    assert.ok(pages.some((res) => res.ok), "A serves the burst");
    const onNodeB = await call(onB, "message:history", { room: slug, before: 201, limit: 100 });
    assert.ok((retryAfter(onNodeB) ?? 0) > 0, `B refuses while the shared bucket is in debt: ${JSON.stringify(onNodeB).slice(0, 200)}`);
    const bob = await connectJoined(cluster.b.url, "bob", slug);
    sockets.push(bob);
    assert.ok((await call(bob, "message:history", { room: slug, before: 201, limit: 100 })).ok, "another user's bucket is his own");
  });
});
