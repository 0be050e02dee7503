import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { call, clientId, connectAs, connectJoined, type TestSocket } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";

const invalidSends: [string, unknown][] = [
  ["no payload", undefined],
  ["a string payload", "hello"],
  ["an array payload", ["lobby", "hi"]],
  ["a missing text", { room: "lobby", clientId: "x1" }],
  ["a numeric text", { room: "lobby", text: 42, clientId: "x2" }],
  ["a blank text", { room: "lobby", text: " \n\t ", clientId: "x3" }],
  ["4001 characters", { room: "lobby", text: "a".repeat(4001), clientId: "x4" }],
  ["a lone surrogate", { room: "lobby", text: "bad \ud800 text", clientId: "x5" }],
  ["a NUL character", { room: "lobby", text: "bad \u0000 text", clientId: "x8" }],
  ["a missing clientId", { room: "lobby", text: "hi" }],
  ["a clientId with spaces", { room: "lobby", text: "hi", clientId: "a b" }],
  ["a 65-character clientId", { room: "lobby", text: "hi", clientId: "x".repeat(65) }],
  ["a non-slug room", { room: "Lobby!", text: "hi", clientId: "x6" }],
  ["a room object", { room: { $ne: null }, text: "hi", clientId: "x7" }],
];

describe("validation", () => {
  let server: TestServer;
  let alice: TestSocket;

  before(async () => {
    server = await startServer();
    alice = await connectJoined(server.url, "alice");
  });
  after(async () => {
    alice.close();
    await server.stop();
  });

  for (const [what, payload] of invalidSends) {
    it(`answers invalid to message:send with ${what}`, async () => {
      const res = await call(alice, "message:send", payload);
      assert.equal(res.ok, false);
      assert.equal(!res.ok && res.error.code, "invalid");
      assert.ok(!res.ok && res.error.message.length > 0);
    });
  }

  it("stored none of the invalid sends", async () => {
    const res = await call(alice, "room:join", { room: "lobby" });
    assert.ok(res.ok);
    assert.equal(res.messages.length, 0);
    assert.equal(res.room.lastSeq, 0);
  });

  it("answers invalid to malformed room:join and message:history payloads", async () => {
    for (const payload of [undefined, null, { room: 1 }, { room: "lobby", since: -1 }, { room: "lobby", since: 1.5 }, { room: "lobby", since: "3" }]) {
      const res = await call(alice, "room:join", payload);
      assert.equal(!res.ok && res.error.code, "invalid", JSON.stringify(payload));
    }
    for (const payload of [{ room: "lobby" }, { room: "lobby", before: 0 }, { room: "lobby", before: 10, limit: 0 }, { room: "lobby", before: 10, limit: 101 }]) {
      const res = await call(alice, "message:history", payload);
      assert.equal(!res.ok && res.error.code, "invalid", JSON.stringify(payload));
    }
  });

  it("answers not_found for an unknown room", async () => {
    const res = await call(alice, "room:join", { room: "no-such-room" });
    assert.deepEqual(res, { ok: false, error: { code: "not_found", message: "no such room" } });
  });

  it("answers forbidden to sends and history for a room the socket has not joined", async () => {
    const other = await connectAs(server.url, "bob");
    try {
      const send = await call(other, "message:send", { room: "lobby", text: "hi", clientId: clientId() });
      assert.equal(!send.ok && send.error.code, "forbidden");
      const history = await call(other, "message:history", { room: "lobby", before: 5 });
      assert.equal(!history.ok && history.error.code, "forbidden");
      // Names of Object.prototype members are valid slugs and must not look joined.
      for (const room of ["constructor", "tostring", "hasownproperty"]) {
        const res = await call(other, "message:send", { room, text: "hi", clientId: clientId() });
        assert.equal(!res.ok && res.error.code, "forbidden", room);
      }
    } finally {
      other.close();
    }
  });

  it("ignores an event sent without an acknowledgement, storing nothing", async () => {
    alice.emit("message:send", { room: "lobby", text: "fire and forget", clientId: clientId() } as never, undefined as never);
    (alice as unknown as { emit: (e: string, p: unknown) => void }).emit("message:send", { room: "lobby", text: "no ack", clientId: clientId() });
    // The server handles a socket's packets in order: once this is answered, those were seen.
    const res = await call(alice, "room:join", { room: "lobby" });
    assert.ok(res.ok);
    assert.equal(res.messages.length, 0);
  });

  it("answers an unknown event invalid and keeps serving", async () => {
    const answer = await new Promise<unknown>((resolve) =>
      (alice as unknown as { emit: (e: string, ...a: unknown[]) => void }).emit("no:such-event", { a: 1 }, resolve),
    );
    assert.deepEqual(answer, { ok: false, error: { code: "invalid", message: 'unknown event "no:such-event"' } });
    const res = await call(alice, "message:send", { room: "lobby", text: "still here", clientId: clientId() });
    assert.ok(res.ok);
  });
});
