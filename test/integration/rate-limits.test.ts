import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { call, clientId, connect, connectAs, connectJoined, loginOrFail, type TestSocket } from "../helpers/client";
import { retryAfter, untilAllowed } from "../helpers/rate-limited";
import { startServer, type TestServer } from "../helpers/server";
import type { ClientToServerEvents } from "@/lib/shared/protocol";

describe("rate limits (defaults)", () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];
  const joined = async (username: string, room = "lobby") => {
    const socket = await connectJoined(server.url, username, room);
    sockets.push(socket);
    return socket;
  };

  before(async () => {
    server = await startServer();
  });
  // Each test starts with nobody connected: the socket cap counts every open socket.
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  after(() => server.stop());

  it("lets a burst of 30 sends through, then answers rate_limited; the same clientId is stored once after the wait", async () => {
    const alice = await joined("alice");
    const created = await call(alice, "room:create", { name: "Burst room", visibility: "public" });
    assert.ok(created.ok);
    const room = created.room.slug;
    const ids = Array.from({ length: 45 }, () => clientId("burst"));
    const answers = await Promise.all(ids.map((id, i) => call(alice, "message:send", { room, text: `m${i}`, clientId: id })));
    const accepted = answers.filter((r) => r.ok).length;
    const limited = answers.map((r, i) => ({ wait: retryAfter(r), id: ids[i]! })).filter((r) => r.wait !== null);
    assert.ok(accepted >= 30 && accepted < 45, `accepted ${accepted}`);
    assert.equal(accepted + limited.length, 45, "every refusal is rate_limited");
    // Each refusal is given its own later token (10/s: about 100 ms apart), not all the next one.
    const waits = limited.map((r) => r.wait!);
    assert.ok(waits[0]! > 0 && waits[0]! <= 100, `first retryAfterMs ${waits[0]}`);
    waits.slice(1).forEach((wait, i) => assert.ok(wait > waits[i]! && wait <= waits[i]! + 101, `retryAfterMs ${waits[i]} then ${wait}`));
    const refused = answers.find((r) => !r.ok);
    assert.match(!refused!.ok ? refused!.error.message : "", /too many message:send requests/);

    // The refused ones were not stored; sent again with their own clientIds after the wait, each is.
    for (const { id } of limited) {
      const { res } = await untilAllowed(() => call(alice, "message:send", { room, text: `again ${id}`, clientId: id }));
      assert.ok(res.ok);
    }
    const history = await call(alice, "room:join", { room });
    assert.ok(history.ok);
    assert.equal(history.messages.length, 45);
    assert.deepEqual(history.messages.map((m) => m.seq), Array.from({ length: 45 }, (_, i) => i + 1));
  });

  it("limits each user and each event on its own", async () => {
    const [alice, bob] = await Promise.all([joined("alice"), joined("bob")]);
    const flood = Array.from({ length: 50 }, (_, i) => call(alice, "message:send", { room: "lobby", text: `f${i}`, clientId: clientId() }));
    const answers = await Promise.all(flood);
    assert.ok(answers.some((r) => retryAfter(r) !== null), "alice is limited");
    const [bobSends, aliceTypes] = await Promise.all([
      call(bob, "message:send", { room: "lobby", text: "bob is fine", clientId: clientId() }),
      call(alice, "typing", { room: "lobby", typing: true }),
    ]);
    assert.ok(bobSends.ok, "bob has his own bucket");
    assert.ok(aliceTypes.ok, "typing has its own bucket");
  });

  it("counts a user's sockets together", async () => {
    const cookie = await loginOrFail(server.url, "carol");
    const [first, second] = await Promise.all([connect(server.url, { cookie }), connect(server.url, { cookie })]);
    sockets.push(first, second);
    const flood = Array.from({ length: 30 }, (_, i) => call(i % 2 ? first : second, "typing", { room: "lobby", typing: false }));
    const answers = await Promise.all(flood);
    const limited = answers.filter((r) => retryAfter(r) !== null).length;
    assert.ok(limited >= 5 && limited <= 10, `${limited} of 30 refused: 15 per socket would all pass if sockets counted alone`);
  });

  it("refuses a user's 21st socket at the handshake with rate_limited, and admits one again once a socket closes", async () => {
    const cookie = await loginOrFail(server.url, "bob");
    const open: TestSocket[] = [];
    for (let i = 0; i < 20; i++) open.push(await connect(server.url, { cookie }));
    sockets.push(...open);
    const refused = await connect(server.url, { cookie }).then(
      () => assert.fail("the 21st socket was admitted"),
      (error: Error & { data?: { code?: string; message?: string } }) => error,
    );
    assert.equal(refused.message, "rate_limited");
    assert.equal(refused.data?.code, "rate_limited");
    assert.match(refused.data?.message ?? "", /at most 20 connections/);
    open.pop()!.close();
    // The server counts the close when it sees it: poll.
    const deadline = Date.now() + 10_000;
    let admitted: TestSocket | null = null;
    while (!admitted && Date.now() < deadline) admitted = await connect(server.url, { cookie }).catch(() => null);
    assert.ok(admitted, "a socket is admitted again");
    sockets.push(admitted);
  });

  it("disconnects a socket that floods packets the per-event limits never see (unknown events, no ack)", async () => {
    const carol = await joined("carol");
    const gone = new Promise<string>((resolve) => carol.once("disconnect", (reason) => resolve(reason)));
    const raw = carol as unknown as { emit(event: string, payload: unknown): void };
    for (let i = 0; i < 2000 && carol.connected; i++) raw.emit(i % 2 ? "no-such-event" : "room:list", {});
    assert.equal(await gone, "io server disconnect");
    const again = await joined("carol");
    assert.ok((await call(again, "room:list", {})).ok, "a new socket is served");
  });

  it("closes a connection that sends a frame over 64 KB, and stays up", async () => {
    const alice = await joined("alice");
    const closed = new Promise<string>((resolve) => alice.once("disconnect", (reason) => resolve(reason)));
    alice.emit("message:send", { room: "lobby", text: "a".repeat(70_000), clientId: clientId() }, () => {});
    assert.match(await closed, /transport (close|error)/);
    // The largest valid messages still fit in a frame: 4,000 astral characters, 4,000 escaped controls.
    const bob = await joined("bob");
    const sent = await untilAllowed(() => call(bob, "message:send", { room: "lobby", text: "😀".repeat(4000), clientId: clientId() }));
    assert.ok(sent.res.ok);
    const controls = await untilAllowed(() => call(bob, "message:send", { room: "lobby", text: `x${"\u0001".repeat(3998)}x`, clientId: clientId() }));
    assert.ok(controls.res.ok);
  });
});

type EventName = keyof ClientToServerEvents;

// Every event, with a payload it accepts (its answer past the limit does not matter, only that
// the limit comes first). Limits lowered to 1/s with a burst of 3 so the test is quick.
const payloads: Record<EventName, () => unknown> = {
  "room:join": () => ({ room: "lobby" }),
  "room:list": () => ({}),
  "room:browse": () => ({}),
  "room:create": () => ({ name: `Room ${clientId()}`, visibility: "public" }),
  "room:invite": () => ({ room: "lobby", username: "bob" }),
  "room:leave": () => ({ room: "no-such-room" }),
  "room:read": () => ({ room: "lobby", seq: 0 }),
  "dm:open": () => ({ username: "bob" }),
  "message:send": () => ({ room: "lobby", text: "hi", clientId: clientId() }),
  "message:history": () => ({ room: "lobby", before: 1 }),
  typing: () => ({ room: "lobby", typing: false }),
  "message:edit": () => ({ room: "lobby", seq: 1, text: "edited" }),
  "message:delete": () => ({ room: "lobby", seq: 1 }),
  "message:react": () => ({ room: "lobby", seq: 1, emoji: "👍", on: true }),
  "room:members": () => ({ room: "lobby" }),
  "message:search": () => ({ query: "hello" }),
};

describe("rate limits (every event, configured through RATE_LIMITS)", () => {
  let server: TestServer;
  let alice: TestSocket;

  before(async () => {
    const limits = Object.keys(payloads).map((event) => `${event}=1/3`).join(",");
    server = await startServer({ env: { RATE_LIMITS: limits } });
    alice = await connectAs(server.url, "alice");
  });
  after(async () => {
    alice.close();
    await server.stop();
  });

  for (const event of Object.keys(payloads) as EventName[]) {
    it(`limits ${event}: a burst, then rate_limited with retryAfterMs, then allowed again after the wait`, async () => {
      const send = () => call(alice, event, payloads[event]());
      const answers = await Promise.all(Array.from({ length: 6 }, send));
      const waits = answers.map(retryAfter).filter((w): w is number => w !== null);
      assert.ok(waits.length >= 2 && waits.length <= 3, `${waits.length} of 6 refused`);
      // One token a second: each refusal is promised its own, a second after the one before.
      waits.forEach((wait, i) => assert.ok(wait > 1000 * i && wait <= 1000 * (i + 1), `retryAfterMs ${waits.join(", ")}`));
      // Once the first wait it named has passed, the event is handled again.
      await new Promise((resolve) => setTimeout(resolve, waits[0]));
      const { res } = await untilAllowed(send);
      assert.notEqual(!res.ok && res.error.code, "rate_limited");
    });
  }
});
