import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { call, connectAs, loginOrFail } from "../helpers/client";
import { RawSocket } from "../helpers/raw-socket";
import { startServer, type TestServer } from "../helpers/server";

// Ack ids are written by hand (`42<id>[...]`): the official client numbers them from 0 and never
// gets near 2^53. An id past it used to be answered as `431e+21[...]`.

describe("ack ids", () => {
  let server: TestServer;
  let cookie: string;
  before(async () => {
    server = await startServer();
    cookie = await loginOrFail(server.url, "alice");
  });
  after(() => server.stop());

  async function rawSocket(): Promise<RawSocket> {
    const raw = new RawSocket(server.url, cookie);
    await raw.connected;
    return raw;
  }

  it("closes the connection on an ack id that is not a safe integer, answering nothing", async () => {
    for (const id of ["1".repeat(22), String(2 ** 53), "9".repeat(400)]) {
      const raw = await rawSocket();
      const answer = raw.nextFrame((frame) => frame.startsWith("43"));
      raw.send(`42${id}["room:list",{}]`);
      assert.equal(await answer, null, `id ${id}`);
      await raw.closed;
    }
    // Closed as a malformed packet is: quietly, the server still up.
    assert.doesNotMatch(server.output(), /"level":(50|60)|uncaught|unhandled/i);
  });

  it("answers the largest safe id with that same id", async () => {
    const raw = await rawSocket();
    const id = String(Number.MAX_SAFE_INTEGER);
    const answer = raw.nextFrame((frame) => frame.startsWith("43"));
    raw.send(`42${id}["room:list",{}]`);
    const frame = await answer;
    assert.ok(frame?.startsWith(`43${id}[{"ok":true`), frame ?? "closed");
    raw.close();
  });

  it("still serves the official client, acks included", async () => {
    const socket = await connectAs(server.url, "bob");
    for (let i = 0; i < 3; i++) assert.equal((await call(socket, "room:list", {})).ok, true);
    socket.close();
  });
});
