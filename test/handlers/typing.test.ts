import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { call, until, type TestSocket } from "../helpers/client";
import { startHandlerServer, type HandlerServer } from "./handler-server";

type Typing = { user: string; typing: boolean };

describe("typing handler, in process", () => {
  let server: HandlerServer;
  let alice: TestSocket;
  let aliceTab: TestSocket;
  let bob: TestSocket;
  let carol: TestSocket;
  const seen = new Map<TestSocket, Typing[]>();

  before(async () => {
    server = await startHandlerServer("chat-handlers-typing-");
    [alice, aliceTab, bob, carol] = await Promise.all([server.connectAs("alice"), server.connectAs("alice"), server.connectAs("bob"), server.connectAs("carol")]);
    for (const socket of [alice, aliceTab, bob]) assert.equal((await call(socket, "room:join", { room: "lobby" })).ok, true);
    for (const socket of [alice, aliceTab, bob, carol]) {
      seen.set(socket, []);
      socket.on("typing", ({ room, user, typing }) => room === "lobby" && seen.get(socket)!.push({ user: user.username, typing }));
    }
  });
  after(() => server.stop());

  it("relays to the room but not to the typist's own tabs, one `true` per interval, every `false`", async () => {
    for (const typing of [true, true, false]) assert.ok((await call(alice, "typing", { room: "lobby", typing })).ok);
    // Bob types after alice's events, so his arriving at alice's tab proves hers had their chance to.
    assert.ok((await call(bob, "typing", { room: "lobby", typing: true })).ok);
    await until(aliceTab, () => seen.get(aliceTab)!.some((t) => t.user === "bob"), "bob's typing at alice's tab");
    await until(bob, () => seen.get(bob)!.length === 2, "alice's typing at bob");
    assert.deepEqual(seen.get(bob), [{ user: "alice", typing: true }, { user: "alice", typing: false }]);
    assert.deepEqual(seen.get(aliceTab), [{ user: "bob", typing: true }]);
    assert.deepEqual(seen.get(carol), [], "not to those outside the room");
  });

  it("refuses the typing of a non-member (forbidden) and a malformed payload (invalid)", async () => {
    const outsider = await call(carol, "typing", { room: "lobby", typing: true });
    assert.equal(!outsider.ok && outsider.error.code, "forbidden");
    const malformed = await call(alice, "typing", { room: "lobby", typing: "yes" });
    assert.equal(!malformed.ok && malformed.error.code, "invalid");
    const unknown = await call(alice, "no:such:event" as "typing", {});
    assert.equal(!unknown.ok && unknown.error.code, "invalid");
  });
});
