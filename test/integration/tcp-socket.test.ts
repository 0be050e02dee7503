import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Socket } from "socket.io";
import { io as ioClient, type Socket as ClientSocket } from "socket.io-client";
import { tcpSocketOf, trackUpgrades } from "@/lib/server/realtime/tcp-socket";
import type { ChatServer, ChatSocket } from "@/lib/server/realtime/types";
import { waitFor } from "../helpers/client";
import { startIo, type IoServer } from "../helpers/realtime";

// lib/server/realtime/tcp-socket.ts finds the TCP socket under a WebSocket connection through documented
// objects only (backpressure.ts reads its writableLength and cuts it): for a connection opened as
// a WebSocket and for one that started on long-polling and upgraded.

describe("the TCP socket under a WebSocket connection", () => {
  let server: IoServer;
  const clients: ClientSocket[] = [];
  const byName = new Map<string, Socket>();

  before(async () => {
    server = await startIo();
    trackUpgrades(server.io as unknown as ChatServer);
    server.io.on("connection", (socket) => void byName.set(String(socket.handshake.auth.name), socket as unknown as Socket));
  });
  after(async () => {
    for (const c of clients) c.close();
    await server.close();
  });

  async function open(name: string, transports: ("polling" | "websocket")[]): Promise<ChatSocket["conn"]> {
    const socket = ioClient(server.url, { transports, auth: { name }, reconnection: false, forceNew: true });
    clients.push(socket);
    await waitFor(() => byName.has(name), `${name} connected`);
    return byName.get(name)!.conn as unknown as ChatSocket["conn"];
  }

  it("is the first request's socket for a connection opened as a WebSocket", async () => {
    const conn = await open("ws", ["websocket"]);
    const tcp = tcpSocketOf(conn);
    assert.ok(tcp);
    assert.equal(tcp, conn.request.socket);
  });

  it("is none over long-polling, and the upgrade request's socket once upgraded", async () => {
    const conn = await open("upgraded", ["polling", "websocket"]);
    if (conn.transport.name === "polling") {
      assert.equal(tcpSocketOf(conn), null);
      await new Promise((resolve) => conn.once("upgrade", resolve));
    }
    const tcp = tcpSocketOf(conn);
    assert.ok(tcp, "found after the upgrade");
    assert.notEqual(tcp, conn.request.socket, "not the first polling request's socket");
    // It is the one under the WebSocket: destroying it closes the connection.
    const closed = new Promise<string>((resolve) => conn.once("close", resolve));
    tcp.destroy();
    assert.equal(await closed, "transport close");
  });
});
