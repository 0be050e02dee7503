import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Socket } from "socket.io";
import { io as ioClient } from "socket.io-client";
import { ChatAdapter } from "@/lib/server/realtime/chat-adapter";
import { fitsDirectWrite, type EngineConn } from "@/patches/direct-broadcast";
import { waitFor } from "../helpers/client";
import { client, connected, startIo, type IoServer, type TestClient } from "../helpers/realtime";

// Broadcast frames written straight to idle WebSockets (ChatAdapter, patches/direct-broadcast.ts), on a real
// Socket.IO server with socket.io-client: what arrives, in what order, and which path it took
// (engine.io announces every packet it queues with `packetCreate`; the direct path queues none).

const ROOM = "r";

describe("broadcasts written directly to idle WebSockets", () => {
  let server: IoServer;
  const clients: TestClient[] = [];
  const byName = new Map<string, Socket>();
  const queued = new Map<string, number>();

  before(async () => {
    server = await startIo({ adapter: ChatAdapter });
    server.io.on("connection", (socket) => {
      const name = String(socket.handshake.auth.name);
      byName.set(name, socket as unknown as Socket);
      queued.set(name, 0);
      void socket.join(ROOM);
      socket.conn.on("packetCreate", (packet: { type: string }) => {
        if (packet.type === "message") queued.set(name, (queued.get(name) ?? 0) + 1);
      });
    });
  });
  after(async () => {
    for (const c of clients) c.disconnect();
    await server.close();
  });

  async function open(name: string, polling = false): Promise<{ got: string[]; socket: TestClient }> {
    const socket = client(server.url, { auth: { name }, polling });
    clients.push(socket);
    const got: string[] = [];
    socket.on("news", (text) => got.push(text));
    await connected(socket);
    await waitFor(() => byName.has(name), `${name} on the server`);
    return { got, socket };
  }

  const socketOf = (name: string) => byName.get(name)!;

  it("sends the same payload over either path, directly only to the WebSocket", async () => {
    const ws = await open("ws");
    const polling = await open("polling", true);
    assert.equal(socketOf("ws").conn.transport.name, "websocket");
    assert.equal(socketOf("polling").conn.transport.name, "polling");
    const before = { ws: queued.get("ws")!, polling: queued.get("polling")! };
    const text = "héllo ✓ \u2028 \"quoted\" 😀";
    server.io.to(ROOM).emit("news", text);
    await waitFor(() => ws.got.length === 1 && polling.got.length === 1, "both deliveries");
    assert.deepEqual([ws.got[0], polling.got[0]], [text, text]);
    assert.equal(queued.get("ws"), before.ws, "the WebSocket's frame did not go through engine.io's queue");
    assert.equal(queued.get("polling"), before.polling + 1, "the polling client's did");
    ws.socket.disconnect();
    polling.socket.disconnect();
  });

  it("keeps the order of broadcasts and a socket's own emits, in one tick and across ticks", async () => {
    const { got, socket } = await open("order");
    const own = socketOf("order");
    // In one tick: the first emit leaves a write in flight, so the broadcast after it must queue.
    const before = queued.get("order")!;
    own.emit("news", "0");
    server.io.to(ROOM).emit("news", "1");
    own.emit("news", "2");
    server.io.to(ROOM).emit("news", "3");
    await waitFor(() => got.length === 4, "four messages");
    assert.deepEqual(got, ["0", "1", "2", "3"]);
    assert.equal(queued.get("order"), before + 4, "with a write in flight every packet queued behind it");
    got.length = 0;
    const expected: string[] = [];
    for (let i = 0; i < 300; i++) {
      expected.push(String(i));
      if (i % 3 === 0) own.emit("news", String(i));
      else server.io.to(ROOM).emit("news", String(i));
      if (i % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(() => got.length === expected.length, "300 messages");
    assert.deepEqual(got, expected);
    socket.disconnect();
  });

  it("honours except, outgoing listeners, binary payloads and volatile broadcasts", async () => {
    const a = await open("a");
    const b = await open("b");
    const outgoing: unknown[][] = [];
    socketOf("a").onAnyOutgoing((...args) => outgoing.push(args));
    server.io.to(ROOM).except(socketOf("a").id).emit("news", "not for a");
    server.io.to(ROOM).emit("news", "for both");
    await waitFor(() => b.got.length === 2 && a.got.length === 1, "deliveries");
    assert.deepEqual(a.got, ["for both"]);
    assert.deepEqual(b.got, ["not for a", "for both"]);
    assert.deepEqual(outgoing, [["news", "for both"]]);

    // Binary takes Socket.IO's path (an attachment is a packet of its own); the browser's client
    // speaks no binary, socket.io-client does.
    const binary = ioClient(server.url, { transports: ["websocket"], auth: { name: "binary" } });
    const blobs: Buffer[] = [];
    binary.on("blob", (data: Buffer) => blobs.push(data));
    await waitFor(() => byName.has("binary"), "the binary client on the server");
    void socketOf("binary").leave(ROOM);
    void socketOf("binary").join("binary");
    server.io.to("binary").emit("blob", Buffer.from([0, 1, 2, 255]));
    await waitFor(() => blobs.length === 1, "the binary broadcast");
    assert.deepEqual([...blobs[0]!], [0, 1, 2, 255]);
    binary.disconnect();

    server.io.to(ROOM).volatile.emit("news", "volatile");
    await waitFor(() => a.got.length === 2 && b.got.length === 3, "the volatile broadcast to idle sockets");
    a.socket.disconnect();
    b.socket.disconnect();
  });

  it("checks engine.io's internals on each connection, and falls back with a warning when they differ", async () => {
    const { socket } = await open("checked");
    const conn = socketOf("checked").conn as unknown as EngineConn;
    const warnings: string[] = [];
    assert.equal(fitsDirectWrite(conn, (m) => warnings.push(m)), true, "the pinned engine.io fits");
    // Copies of the real connection with one internal changed; engine.io itself is left alone.
    const doctored = (props: PropertyDescriptorMap) => Object.create(conn, props) as EngineConn;
    assert.equal(fitsDirectWrite(doctored({ writeBuffer: { value: undefined } }), (m) => warnings.push(m)), false);
    assert.equal(fitsDirectWrite(doctored({ transport: { value: { name: "websocket" } } }), (m) => warnings.push(m)), false);
    assert.equal(fitsDirectWrite(doctored({ upgrading: { value: "no" } }), (m) => warnings.push(m)), false);
    assert.equal(warnings.length, 1, "one warning per process");
    assert.match(warnings[0]!, /Socket\.IO's own path/);
    socket.disconnect();
  });
});
