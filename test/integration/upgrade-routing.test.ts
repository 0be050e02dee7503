import assert from "node:assert/strict";
import { createServer, type IncomingMessage } from "node:http";
import { connect } from "node:net";
import { after, before, describe, it } from "node:test";
import type { Duplex } from "node:stream";
import { refuseNonPathUpgrade } from "@/lib/server/ops/request-target";
import { routeUpgrades } from "@/lib/server/realtime/upgrade-routing";
import { waitFor } from "../helpers/client";
import { client, connected, startIo, type IoServer } from "../helpers/realtime";

// lib/server/realtime/upgrade-routing.ts on a real Socket.IO server, as server.ts wires it: the
// server Next is given (`next({ httpServer })`) sees every upgrade but Socket.IO's and those whose
// target is not a path; Socket.IO's WebSockets connect as before.

/** Sends a raw upgrade request and resolves with the answer's first bytes ("" if none), then closes. */
function rawUpgrade(port: number, target: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
    });
    socket.once("data", (chunk) => {
      resolve(chunk.toString());
      socket.destroy();
    });
    socket.on("close", () => resolve(""));
    socket.on("error", () => resolve(""));
  });
}

describe("upgrades: Socket.IO's to engine.io, the rest to Next's own server", () => {
  let server: IoServer;
  const seenByNext: string[] = [];

  before(async () => {
    server = await startIo({ transports: ["websocket"] });
    const nextServer = createServer();
    // What Next's listener would do with its HMR socket: answer it.
    nextServer.on("upgrade", (req: IncomingMessage, socket: Duplex) => {
      seenByNext.push(req.url ?? "");
      socket.end("HTTP/1.1 426 Upgrade Required\r\n\r\n");
    });
    server.http.on("upgrade", refuseNonPathUpgrade);
    routeUpgrades(server.http, server.io.path(), nextServer);
  });
  after(() => server.close());

  it("passes Next the upgrades that are its, and answers the others as before", async () => {
    assert.match(await rawUpgrade(server.port, "/_next/hmr"), /^HTTP\/1.1 426/);
    assert.match(await rawUpgrade(server.port, "*"), /^HTTP\/1.1 400/);
    assert.deepEqual(seenByNext, ["/_next/hmr"]);
  });

  it("keeps Socket.IO's WebSockets from Next", async () => {
    const socket = client(server.url, { auth: { name: "ws" } });
    await connected(socket);
    assert.equal(await socket.emitWithAck("echo", "hi" as never), "hi");
    assert.match(await rawUpgrade(server.port, "/socket.io/?EIO=4&transport=websocket"), /^HTTP\/1.1 101/);
    await waitFor(() => seenByNext.length === 1, "nothing more reached Next");
    assert.deepEqual(seenByNext, ["/_next/hmr"]);
    socket.disconnect();
  });
});
