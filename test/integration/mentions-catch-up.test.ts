import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { MAX_CHANGES, type ChatMessage, type RoomSummary } from "@/lib/shared/protocol";
import { call, clientId, connectAs, until, type TestSocket } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";

describe("mentions and the catch-up of changes", () => {
  let server: TestServer;
  let alice: TestSocket;
  let bob: TestSocket;
  let carol: TestSocket;

  before(async () => {
    // Hundreds of sends and reactions from a few users, faster than any person: limits raised.
    server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
    [alice, bob, carol] = await Promise.all([connectAs(server.url, "alice"), connectAs(server.url, "bob"), connectAs(server.url, "carol")]);
    for (const socket of [alice, bob, carol]) assert.equal((await call(socket, "room:join", { room: "lobby" })).ok, true);
  });
  after(async () => {
    for (const socket of [alice, bob, carol]) socket.close();
    await server.stop();
  });

  async function send(text: string): Promise<ChatMessage> {
    const res = await call(alice, "message:send", { room: "lobby", text, clientId: clientId() });
    assert.ok(res.ok, JSON.stringify(res));
    return res.message;
  }
  async function lobby(socket: TestSocket): Promise<RoomSummary> {
    const res = await call(socket, "room:list", {});
    assert.ok(res.ok);
    return res.rooms.find((r) => r.slug === "lobby")!;
  }

  it("stores mentions and counts the unread ones per member", async () => {
    const before = (await lobby(bob)).mentions;
    const m1 = await send("hey @Bob and @carol, mail me at alice@example.com.");
    assert.deepEqual(m1.mentions, ["bob", "carol"]);
    const m2 = await send("@bob again");
    await send("no mention here");
    assert.equal((await lobby(bob)).mentions, before + 2);
    assert.equal((await lobby(alice)).mentions, 0, "the author's own messages are read");
    const joined = await call(bob, "room:join", { room: "lobby" });
    assert.ok(joined.ok);
    assert.equal(joined.room.mentions, before + 2);

    const edited = await call(alice, "message:edit", { room: "lobby", seq: m2.seq, text: "nobody now" });
    assert.ok(edited.ok);
    assert.deepEqual(edited.message.mentions, []);
    assert.equal((await lobby(bob)).mentions, before + 1);
    assert.ok((await call(bob, "room:read", { room: "lobby", seq: m1.seq })).ok);
    assert.equal((await lobby(bob)).mentions, 0);
    assert.equal((await lobby(carol)).mentions, 1);
    assert.ok((await call(alice, "message:delete", { room: "lobby", seq: m1.seq })).ok);
    assert.equal((await lobby(carol)).mentions, 0, "a deleted message mentions nobody");
  });

  it("catches up on the changes missed while disconnected, with sinceRev", async () => {
    const [m1, m2, m3] = [await send("one"), await send("two"), await send("three")];
    const joined = await call(bob, "room:join", { room: "lobby" });
    assert.ok(joined.ok);
    const sinceRev = joined.room.lastRev;
    const since = joined.room.lastSeq;
    bob.disconnect();
    const revs: number[] = [];
    for (const res of [
      await call(alice, "message:edit", { room: "lobby", seq: m1!.seq, text: "one, edited" }),
      await call(alice, "message:edit", { room: "lobby", seq: m1!.seq, text: "one, edited twice" }),
      await call(carol, "message:react", { room: "lobby", seq: m2!.seq, emoji: "👍", on: true }),
      await call(alice, "message:delete", { room: "lobby", seq: m3!.seq }),
    ]) {
      assert.ok(res.ok);
      revs.push(res.message.rev);
    }
    assert.deepEqual(revs, [sinceRev + 1, sinceRev + 2, sinceRev + 3, sinceRev + 4], "revisions are gap-free");

    bob.connect();
    await until(bob, () => bob.connected, "bob's reconnection");
    const res = await call(bob, "room:join", { room: "lobby", since, sinceRev });
    assert.ok(res.ok);
    assert.equal(res.hasMoreChanges, false);
    assert.equal(res.room.lastRev, sinceRev + 4);
    assert.deepEqual(res.changes!.map((m) => [m.seq, m.rev]), [[m1!.seq, sinceRev + 2], [m2!.seq, sinceRev + 3], [m3!.seq, sinceRev + 4]]);
    assert.equal(res.changes![0]!.text, "one, edited twice");
    assert.equal(res.changes![1]!.reactions[0]!.emoji, "👍");
    assert.ok(res.changes![2]!.deletedAt);
    const none = await call(bob, "room:join", { room: "lobby", since, sinceRev: res.room.lastRev });
    assert.ok(none.ok);
    assert.deepEqual(none.changes, []);
    const plain = await call(bob, "room:join", { room: "lobby", since });
    assert.ok(plain.ok);
    assert.equal(plain.changes, undefined, "without sinceRev no changes are listed");
  });

  it("numbers concurrent changes without gaps and bounds a catch-up page", async () => {
    const start = await call(carol, "room:join", { room: "lobby" });
    assert.ok(start.ok);
    const updates: number[] = [];
    carol.on("message:updated", (m) => updates.push(m.rev));
    const messages: ChatMessage[] = [];
    for (let i = 0; i < MAX_CHANGES + 1; i += 50) {
      const batch = Array.from({ length: Math.min(50, MAX_CHANGES + 1 - i) }, (_, k) => send(`bulk ${i + k}`));
      messages.push(...(await Promise.all(batch)));
    }
    // Ten at a time: changes of one room queue on its row lock, and each must answer within the ack timeout.
    for (let i = 0; i < messages.length; i += 10) {
      await Promise.all(
        messages.slice(i, i + 10).map((m, k) => call(k % 2 ? alice : bob, "message:react", { room: "lobby", seq: m.seq, emoji: "👀", on: true })),
      );
    }
    await until(carol, () => updates.length === messages.length, "every update");
    const sorted = [...updates].sort((a, b) => a - b);
    assert.deepEqual(sorted, Array.from({ length: messages.length }, (_, i) => start.room.lastRev + 1 + i));
    const page = await call(carol, "room:join", { room: "lobby", sinceRev: start.room.lastRev });
    assert.ok(page.ok);
    assert.equal(page.changes!.length, MAX_CHANGES);
    assert.equal(page.hasMoreChanges, true);
    const rest = await call(carol, "room:join", { room: "lobby", sinceRev: page.changes!.at(-1)!.rev });
    assert.ok(rest.ok);
    assert.equal(rest.changes!.length, 1);
    assert.equal(rest.hasMoreChanges, false);
  });
});
