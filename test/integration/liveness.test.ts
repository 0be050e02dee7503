import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loginOrFail } from "../helpers/client";
import { RawSocket } from "../helpers/raw-socket";
import { startServer, type TestServer } from "../helpers/server";

// Liveness judged by the server's own pings (lib/server/realtime/liveness.ts): a pong the server did not
// ask for keeps no connection alive.

const PING_INTERVAL_MS = 1000;
const PING_TIMEOUT_MS = 1000;
// The bound the issue asks for, plus one sweep of the watchdog (pingTimeout / 8) and slack for
// timers on a loaded test machine (2 cores shared with other servers).
const BOUND_MS = PING_INTERVAL_MS + PING_TIMEOUT_MS + PING_TIMEOUT_MS / 8 + 1000;

function closedWithin(socket: RawSocket, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([socket.closed.then(() => true), late]).finally(() => clearTimeout(timer));
}

describe("liveness by the server's own pings", () => {
  let server: TestServer;
  let cookie: string;
  before(async () => {
    server = await startServer({
      env: { SOCKET_PING_INTERVAL_MS: String(PING_INTERVAL_MS), SOCKET_PING_TIMEOUT_MS: String(PING_TIMEOUT_MS) },
    });
    cookie = await loginOrFail(server.url, "carol");
  });
  after(() => server.stop());

  it("disconnects a client that answers no ping but sends pongs on its own schedule", async () => {
    const socket = new RawSocket(server.url, cookie);
    await socket.connected;
    const start = Date.now();
    socket.goSilent();
    socket.sendPongsEvery(PING_INTERVAL_MS / 4);
    // Stock engine.io would postpone its ping on every pong and keep this socket for ever.
    const closed = await closedWithin(socket, 5 * (PING_INTERVAL_MS + PING_TIMEOUT_MS));
    const took = Date.now() - start;
    socket.close();
    assert.ok(closed, "still connected");
    assert.ok(took <= BOUND_MS, `closed after ${took} ms; bound ${BOUND_MS} ms`);
  });

  it("keeps a client that answers the server's pings", async () => {
    const socket = new RawSocket(server.url, cookie);
    await socket.connected;
    let closed = false;
    void socket.closed.then(() => (closed = true));
    while (socket.pings < 3 && !closed) await new Promise((r) => setTimeout(r, 20));
    assert.equal(closed, false, "closed while answering pings");
    socket.close();
  });
});
