import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { call, connectAs, connectJoined, loginOrFail, until, type TestSocket } from "../helpers/client";
import { RawSocket } from "../helpers/raw-socket";
import { startServer, type TestServer } from "../helpers/server";
import type { Author } from "@/lib/shared/protocol";

type Presence = { room: string; user: Author; online: boolean };
type Typing = { room: string; user: Author; typing: boolean };

describe("presence and typing", () => {
  let server: TestServer;
  let alice: TestSocket;
  before(async () => {
    // A short heartbeat, so a silent death is noticed in seconds rather than the default 45 s.
    server = await startServer({ env: { SOCKET_PING_INTERVAL_MS: "1000", SOCKET_PING_TIMEOUT_MS: "1000" } });
    alice = await connectJoined(server.url, "alice");
  });
  after(async () => {
    alice.close();
    await server.stop();
  });

  it("shows a user online while any of their sockets is connected", async () => {
    const events: Presence[] = [];
    alice.on("presence", (p) => events.push(p));
    const bobTab1 = await connectAs(server.url, "bob");
    const joined = await call(bobTab1, "room:join", { room: "lobby" });
    assert.ok(joined.ok);
    assert.deepEqual(joined.online.map((u) => u.username).sort(), ["alice", "bob"]);
    await until(alice, () => events.some((e) => e.user.username === "bob" && e.online), "bob online");

    const bobTab2 = await connectAs(server.url, "bob");
    bobTab1.close();
    // Closing one tab of two says nothing; the room still lists bob.
    const still = await call(alice, "room:join", { room: "lobby" });
    assert.ok(still.ok && still.online.some((u) => u.username === "bob"));
    assert.equal(events.filter((e) => e.user.username === "bob" && !e.online).length, 0);

    bobTab2.close();
    await until(alice, () => events.some((e) => e.user.username === "bob" && !e.online), "bob offline");
    const after = await call(alice, "room:join", { room: "lobby" });
    assert.ok(after.ok && !after.online.some((u) => u.username === "bob"));
  });

  it("relays typing to the others in the room only, for members only", async () => {
    const bob = await connectAs(server.url, "bob");
    const carol = await connectAs(server.url, "carol");
    try {
      assert.ok((await call(bob, "room:join", { room: "lobby" })).ok);
      const atBob: Typing[] = [];
      const atAlice: Typing[] = [];
      bob.on("typing", (t) => atBob.push(t));
      alice.on("typing", (t) => atAlice.push(t));
      assert.deepEqual(await call(alice, "typing", { room: "lobby", typing: true }), { ok: true });
      await until(bob, () => atBob.length === 1, "bob sees alice typing");
      assert.deepEqual(atBob[0], { room: "lobby", user: atBob[0]!.user, typing: true });
      assert.equal(atBob[0]!.user.username, "alice");
      // A client that sends `true` on every keystroke is throttled to one relay per couple of seconds.
      for (let i = 0; i < 10; i++) assert.ok((await call(alice, "typing", { room: "lobby", typing: true })).ok);
      assert.ok((await call(alice, "typing", { room: "lobby", typing: false })).ok);
      await until(bob, () => atBob.some((t) => !t.typing), "typing stops");
      assert.deepEqual(atBob.map((t) => t.typing), [true, false], "the ten extra `true`s were not relayed");
      assert.equal(atAlice.length, 0, "the typist is not told about herself");
      const outsider = await call(carol, "typing", { room: "lobby", typing: true });
      assert.equal(!outsider.ok && outsider.error.code, "forbidden");
      const invalid = await call(alice, "typing", { room: "lobby", typing: "yes" });
      assert.equal(!invalid.ok && invalid.error.code, "invalid");
    } finally {
      bob.close();
      carol.close();
    }
  });

  it("drops a user whose connection silently dies, within pingInterval + pingTimeout", async () => {
    const events: Presence[] = [];
    alice.on("presence", (p) => events.push(p));
    const cookie = await loginOrFail(server.url, "carol");
    const visit = await connectAs(server.url, "carol");
    assert.ok((await call(visit, "room:join", { room: "lobby" })).ok, "carol becomes a lobby member");
    visit.close();
    await until(alice, () => events.some((e) => e.user.username === "carol" && !e.online), "carol's visit ends");
    events.length = 0;
    const carol = new RawSocket(server.url, cookie);
    await carol.connected;
    await until(alice, () => events.some((e) => e.user.username === "carol" && e.online), "carol online");
    carol.goSilent();
    const silentAt = Date.now();
    await until(alice, () => events.some((e) => e.user.username === "carol" && !e.online), "carol offline");
    const took = Date.now() - silentAt;
    assert.ok(took < 8_000, `dropped after ${took} ms with a 1 s + 1 s heartbeat`);
    carol.close();
  });
});

