import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { call, clientId, connectAs, type TestSocket } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";

// `message:search` over a real server: freshness through the server's own indexer, the answers
// to invalid input, and a private room that answers `in:` as a missing room does.
describe("message:search events", () => {
  let server: TestServer;
  let alice: TestSocket;
  let bob: TestSocket;
  let hidden = "";

  before(async () => {
    server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
    [alice, bob] = await Promise.all([connectAs(server.url, "alice"), connectAs(server.url, "bob")]);
    for (const socket of [alice, bob]) assert.equal((await call(socket, "room:join", { room: "lobby" })).ok, true);
    const created = await call(bob, "room:create", { name: "Hidden den", visibility: "private" });
    assert.ok(created.ok);
    hidden = created.room.slug;
    assert.ok((await call(bob, "message:send", { room: hidden, text: "hush zebra plans", clientId: clientId() })).ok);
  });
  after(async () => {
    for (const socket of [alice, bob]) socket.close();
    await server.stop();
  });

  const search = (payload: Parameters<typeof call<"message:search">>[2]) => call(alice, "message:search", payload);

  it("finds a message within a second of its send's acknowledgement", async () => {
    const sent = await call(bob, "message:send", { room: "lobby", text: "a Quokka appears", clientId: clientId() });
    assert.ok(sent.ok);
    const deadline = Date.now() + 1000;
    for (;;) {
      const res = await search({ query: "quokka" });
      assert.ok(res.ok, JSON.stringify(res));
      if (res.results.length > 0) {
        assert.deepEqual(res.results, [{ message: sent.message, room: { slug: "lobby", name: res.results[0]!.room.name, joined: true } }]);
        assert.equal(res.nextCursor, null);
        break;
      }
      assert.ok(Date.now() < deadline, "found within 1 s");
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });

  it("answers a room one cannot read exactly as a room that does not exist", async () => {
    await new Promise((resolve) => setTimeout(resolve, 600));
    const bobs = await call(bob, "message:search", { query: "zebra" });
    assert.ok(bobs.ok && bobs.results.length === 1, "indexed: its member finds it");
    for (const query of ["zebra", "hush", `in:#${hidden}`, `zebra in:#${hidden}`, '"hush zebra"', "ze"]) {
      const res = await search({ query });
      assert.deepEqual(res, { ok: true, results: [], nextCursor: null }, query);
    }
    assert.deepEqual(await search({ query: "zebra", room: hidden }), await search({ query: "zebra", room: "no-such-room" }));
    assert.deepEqual(await search({ query: `zebra in:#${hidden}` }), await search({ query: "zebra in:#no-such-room" }));
  });

  it("answers an empty query with nothing and invalid input with invalid", async () => {
    assert.deepEqual(await search({ query: "  \" - " }), { ok: true, results: [], nextCursor: null });
    const bad: unknown[] = [{}, { query: 5 }, { query: "x".repeat(513) }, { query: "x", limit: 0 }, { query: "x", limit: 51 }, { query: "x", room: "Not A Slug" }, { query: "x", cursor: "bogus" }, { query: "x", cursor: "" }, null];
    for (const payload of bad) {
      const res = await call(alice, "message:search", payload as never);
      assert.ok(!res.ok && res.error.code === "invalid", JSON.stringify(payload));
    }
  });

  it("pages with nextCursor", async () => {
    for (let i = 0; i < 3; i++) assert.ok((await call(bob, "message:send", { room: "lobby", text: `wombat ${i}`, clientId: clientId() })).ok);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const first = await search({ query: "wombat", limit: 2 });
    assert.ok(first.ok && first.nextCursor !== null);
    const second = await search({ query: "wombat", limit: 2, cursor: first.nextCursor });
    assert.ok(second.ok);
    assert.deepEqual([...first.results, ...second.results].map((r) => r.message.text), ["wombat 2", "wombat 1", "wombat 0"]);
    assert.equal(second.nextCursor, null);
  });
});
