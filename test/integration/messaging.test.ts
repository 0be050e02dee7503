import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { call, clientId, collect, connectAs, until, type TestSocket } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";

describe("messaging", () => {
  let server: TestServer;
  let alice: TestSocket;
  let aliceTab2: TestSocket;
  let bob: TestSocket;

  before(async () => {
    // Concurrency and ordering, not rate limits (rate-limits.test.ts): 7 sockets of one user send at once.
    server = await startServer({ env: { RATE_LIMITS: "message:send=100/100" } });
    [alice, aliceTab2, bob] = await Promise.all([
      connectAs(server.url, "alice"),
      connectAs(server.url, "alice"),
      connectAs(server.url, "bob"),
    ]);
    for (const socket of [alice, aliceTab2, bob]) assert.equal((await call(socket, "room:join", { room: "lobby" })).ok, true);
  });
  after(async () => {
    for (const socket of [alice, aliceTab2, bob]) socket.close();
    await server.stop();
  });

  it("relays a message to everyone in the room, the sender's other tabs included", async () => {
    const atBob = collect(bob);
    const atTab2 = collect(aliceTab2);
    const id = clientId();
    const res = await call(alice, "message:send", { room: "lobby", text: "  hello bob  ", clientId: id });
    assert.ok(res.ok);
    const { message } = res;
    assert.equal(message.text, "hello bob");
    assert.equal(message.room, "lobby");
    assert.equal(message.clientId, id);
    assert.deepEqual(message.author, { id: message.author.id, username: "alice", name: "Alice" });
    assert.ok(!Number.isNaN(Date.parse(message.createdAt)) && message.createdAt.endsWith("Z"));
    await until(bob, () => atBob.length === 1, "bob's copy");
    await until(aliceTab2, () => atTab2.length === 1, "the other tab's copy");
    assert.deepEqual(atBob[0], message);
    assert.deepEqual(atTab2[0], message);

    const reply = await call(bob, "message:send", { room: "lobby", text: "hi alice", clientId: clientId() });
    assert.ok(reply.ok);
    assert.equal(reply.message.seq, message.seq + 1);
    assert.equal(reply.message.author.username, "bob");
  });

  it("takes the author from the session, whatever the payload says", async () => {
    const bobId = (await call(bob, "message:send", { room: "lobby", text: "me", clientId: clientId() }));
    assert.ok(bobId.ok);
    const spoof = { room: "lobby", text: "I am bob", clientId: clientId(), author: bobId.message.author, authorId: bobId.message.author.id };
    const res = await call(alice, "message:send", spoof);
    assert.ok(res.ok);
    assert.equal(res.message.author.username, "alice");
  });

  it("keeps any Unicode exactly, and HTML as plain text", async () => {
    for (const text of ["<b>hi</b>", "<img src=x onerror=alert(1)>", "שלום 👋🏽 家族 👨‍👩‍👧", "line one\nline two"]) {
      const res = await call(alice, "message:send", { room: "lobby", text, clientId: clientId() });
      assert.ok(res.ok);
      assert.equal(res.message.text, text);
    }
    const exactly4000 = "😀".repeat(4000);
    const res = await call(alice, "message:send", { room: "lobby", text: exactly4000, clientId: clientId() });
    assert.ok(res.ok, "4000 characters, each two UTF-16 units, fit");
  });

  it("stores a clientId once: a retry returns the first message and broadcasts nothing", async () => {
    const atBob = collect(bob);
    const id = clientId();
    const first = await call(alice, "message:send", { room: "lobby", text: "once", clientId: id });
    const again = await call(alice, "message:send", { room: "lobby", text: "once", clientId: id });
    // Several retries racing each other land in one batch: still one message.
    const racing = await Promise.all([1, 2, 3].map(() => call(aliceTab2, "message:send", { room: "lobby", text: "once", clientId: id })));
    assert.ok(first.ok && again.ok);
    assert.deepEqual(again.message, first.message);
    for (const r of racing) assert.ok(r.ok && r.message.id === first.message.id);
    const marker = await call(alice, "message:send", { room: "lobby", text: "after", clientId: clientId() });
    assert.ok(marker.ok);
    await until(bob, () => atBob.some((m) => m.text === "after"), "the marker");
    assert.equal(atBob.filter((m) => m.clientId === id).length, 1);
    assert.equal(marker.message.seq, first.message.seq + 1, "no seq was spent on the retries");
  });

  it("refuses reusing a clientId for a different message", async () => {
    const id = clientId();
    assert.ok((await call(alice, "message:send", { room: "lobby", text: "original", clientId: id })).ok);
    const res = await call(alice, "message:send", { room: "lobby", text: "something else", clientId: id });
    assert.equal(res.ok, false);
    assert.equal(!res.ok && res.error.code, "invalid");
  });

  it("lets another user use the same clientId", async () => {
    const id = clientId();
    const a = await call(alice, "message:send", { room: "lobby", text: "mine", clientId: id });
    const b = await call(bob, "message:send", { room: "lobby", text: "mine too", clientId: id });
    assert.ok(a.ok && b.ok);
    assert.notEqual(a.message.id, b.message.id);
  });

  it("gives 20 concurrent senders a gap-free run of seq", async () => {
    const sockets = await Promise.all(Array.from({ length: 20 }, (_, i) => connectAs(server.url, ["alice", "bob", "carol"][i % 3]!)));
    try {
      for (const s of sockets) assert.ok((await call(s, "room:join", { room: "lobby" })).ok);
      const results = await Promise.all(
        sockets.flatMap((s, i) => [0, 1, 2, 3, 4].map((n) => call(s, "message:send", { room: "lobby", text: `${i}/${n}`, clientId: clientId() }))),
      );
      const seqs = results.map((r) => (r.ok ? r.message.seq : -1)).sort((a, b) => a - b);
      assert.equal(seqs.length, 100);
      for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i], seqs[i - 1]! + 1);
    } finally {
      for (const s of sockets) s.close();
    }
  });

  it("stores a batch whose sends arrive together: a bad one fails alone, a repeat in it is stored once", async () => {
    const reused = clientId();
    assert.ok((await call(alice, "message:send", { room: "lobby", text: "first use", clientId: reused })).ok);
    const twice = clientId();
    // Emitted in one go, so they reach the server together and are committed as one batch.
    const [bad, repeatA, repeatB, ...good] = await Promise.all([
      call(alice, "message:send", { room: "lobby", text: "another text", clientId: reused }),
      call(alice, "message:send", { room: "lobby", text: "sent twice", clientId: twice }),
      call(alice, "message:send", { room: "lobby", text: "sent twice", clientId: twice }),
      ...Array.from({ length: 20 }, (_, i) => call(alice, "message:send", { room: "lobby", text: `batch ${i}`, clientId: clientId() })),
    ]);
    assert.equal(!bad!.ok && bad!.error.code, "invalid");
    assert.ok(repeatA!.ok && repeatB!.ok);
    assert.deepEqual(repeatA.message, repeatB.message);
    const seqs = good.map((r) => (r.ok ? r.message.seq : -1));
    assert.ok(seqs.every((seq) => seq > 0), "every good send is stored");
    const all = [...seqs, repeatA.message.seq].sort((a, b) => a - b);
    for (let i = 1; i < all.length; i++) assert.equal(all[i], all[i - 1]! + 1, "seq stays gap-free");
    const page = await call(bob, "room:join", { room: "lobby", since: all[0]! - 1 });
    assert.ok(page.ok);
    assert.deepEqual(page.messages.map((m) => m.seq), all);
    assert.equal(page.messages.filter((m) => m.clientId === twice).length, 1);
  });
});
