import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { WebSocketServer } from "ws";
import { createRealtimeSocket } from "@/lib/browser/connection/realtime/realtime-socket";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/shared/protocol";
import { clientId, loginOrFail, waitFor } from "../helpers/client";
import { BlockedWebSocket, client, connected, fetchWith, next, refused, startIo, webSocketWith, type IoServer } from "../helpers/realtime";
import { startServer, type TestServer } from "../helpers/server";

// The browser's Socket.IO client (lib/browser/realtime/) against a real Socket.IO 4.8 server.

describe("realtime client over WebSocket", () => {
  let server: IoServer;
  const clients: ReturnType<typeof client>[] = [];
  const open = (options?: Parameters<typeof client>[1]) => {
    const socket = client(server.url, options);
    clients.push(socket);
    return socket;
  };
  after(async () => {
    for (const socket of clients) socket.disconnect();
    await server?.close();
  });

  it("connects with the auth payload, over a WebSocket, and sends events with acks", async () => {
    server = await startIo();
    const seen: { auth: unknown; transport: string }[] = [];
    server.io.on("connection", (s) => seen.push({ auth: s.handshake.auth, transport: s.conn.transport.name }));
    const socket = await connected(open({ auth: () => ({ reconnect: false }) }));
    assert.equal(socket.connected, true);
    assert.equal(socket.active, true);
    assert.deepEqual(seen, [{ auth: { reconnect: false }, transport: "websocket" }]);
    assert.deepEqual(await socket.emitWithAck("echo", { text: "héllo ☃ \u2028" }, 5000), { text: "héllo ☃ \u2028" });
    // Acks are matched by id, whatever order the answers come in.
    const texts = Array.from({ length: 20 }, (_, i) => `n${i}`);
    const answers = await Promise.all(texts.map((text) => socket.emitWithAck("echo", { text })));
    assert.deepEqual(answers.map((a) => a.text), texts);
  });

  it("delivers the server's events to every listener, in order, until removed", async () => {
    const socket = await connected(open());
    const got: string[] = [];
    const second: string[] = [];
    const listener = (text: string) => second.push(text);
    socket.on("news", (text) => got.push(text));
    socket.on("news", listener);
    const last = next(socket, "news");
    for (const s of server.io.sockets.sockets.values()) s.emit("news", "one");
    await last;
    socket.off("news", listener);
    const again = next(socket, "news");
    for (const s of server.io.sockets.sockets.values()) s.emit("news", "two");
    await again;
    assert.deepEqual(got, ["one", "two"]);
    assert.deepEqual(second, ["one"]);
  });

  it("rejects an unanswered ack after its timeout, and an emit while disconnected at once", async () => {
    const socket = await connected(open());
    await assert.rejects(socket.emitWithAck("silent", {}, 50), /timed out/);
    assert.equal(socket.connected, true);
    socket.disconnect();
    await assert.rejects(socket.emitWithAck("echo", { text: "x" }, 5000), /not connected/);
  });

  it("refuses binary both ways: a binary payload is not sent, a binary packet closes the connection", async () => {
    const socket = await connected(open());
    await assert.rejects(socket.emitWithAck("upload", new Uint8Array([1, 2])), TypeError);
    assert.equal(socket.connected, true);
    const closed = next(socket, "disconnect");
    for (const s of server.io.sockets.sockets.values()) s.emit("blob", Buffer.from([1, 2, 3]));
    assert.deepEqual(await closed, ["parse error"]);
    // A protocol error is a lost connection: the socket comes back by itself.
    await next(socket, "connect");
    assert.equal(socket.connected, true);
  });

  it("reports the server's disconnect, rejects pending acks and does not reconnect", async () => {
    const socket = await connected(open());
    const pending = socket.emitWithAck("silent", {});
    const closed = next(socket, "disconnect");
    for (const s of server.io.sockets.sockets.values()) s.disconnect(true);
    assert.deepEqual(await closed, ["io server disconnect"]);
    await assert.rejects(pending, /disconnected/);
    assert.equal(socket.active, false);
    await waitFor(() => server.io.engine.clientsCount === 0, "the connection closed");
    // Asked again, it connects again.
    await connected(socket);
  });

  it("tells the server when it disconnects itself", async () => {
    const socket = await connected(open());
    const [serverSide] = [...server.io.sockets.sockets.values()].slice(-1);
    const reason = new Promise<string>((resolve) => serverSide!.once("disconnect", resolve));
    const local = next(socket, "disconnect");
    socket.disconnect();
    assert.deepEqual(await local, ["io client disconnect"]);
    assert.equal(await reason, "client namespace disconnect");
    assert.equal(socket.active, false);
  });

  it("gives connect_error with the middleware's data, and stays down until asked again", async () => {
    let refusals = 0;
    const refusing = await startIo();
    refusing.io.use((_socket, nextMiddleware) => {
      refusals++;
      nextMiddleware(Object.assign(new Error("unauthorized"), { data: { code: "unauthorized", message: "sign in first" } }));
    });
    try {
      const socket = client(refusing.url);
      const error = await refused(socket);
      assert.equal(error.message, "unauthorized");
      assert.deepEqual(error.data, { code: "unauthorized", message: "sign in first" });
      assert.equal(socket.active, false);
      await waitFor(() => refusing.io.engine.clientsCount === 0, "the refused connection closed");
      assert.equal(refusals, 1);
      await assert.rejects(connected(socket), /unauthorized/);
      assert.equal(refusals, 2);
    } finally {
      await refusing.close();
    }
  });

  it("fails over to long-polling when the WebSocket cannot be opened", async () => {
    const seen: string[] = [];
    // Only this socket's connections: an earlier test's socket may come back meanwhile.
    server.io.on("connection", (s) => void (s.handshake.auth.test === "failover" && seen.push(s.conn.transport.name)));
    const socket = await connected(open({ WebSocket: BlockedWebSocket, auth: () => ({ test: "failover" }) }));
    assert.deepEqual(seen, ["polling"]);
    assert.deepEqual(await socket.emitWithAck("echo", { text: "through polling" }), { text: "through polling" });
  });

  it("reconnects after the server restarts, and counts the failed attempts", async () => {
    let connects = 0;
    const socket = await connected(open({ auth: () => ({ reconnect: connects > 0, test: "restart" }) }));
    socket.on("connect", () => connects++);
    connects++;
    const port = server.port;
    const lost = next(socket, "disconnect");
    await server.close();
    assert.deepEqual(await lost, ["transport close"]);
    assert.equal(socket.active, true);
    // Down: each attempt fails with a connect_error of its own.
    await next(socket, "connect_error");
    server = await startIo({}, port);
    const auths: unknown[] = [];
    // The earlier tests' sockets that are still active come back too.
    server.io.on("connection", (s) => void (s.handshake.auth.test === "restart" && auths.push(s.handshake.auth)));
    await next(socket, "connect");
    assert.equal(socket.connected, true);
    assert.deepEqual(auths, [{ reconnect: true, test: "restart" }]);
    assert.deepEqual(await socket.emitWithAck("echo", { text: "back" }), { text: "back" });
  });
});

describe("realtime client heartbeat", () => {
  it("answers the server's pings, so the server keeps it", async () => {
    const server = await startIo({ pingInterval: 30, pingTimeout: 200 });
    const socket = client(server.url);
    try {
      let pongs = 0;
      server.io.on("connection", (s) => s.conn.on("packet", (p: { type: string }) => void (p.type === "pong" && pongs++)));
      await connected(socket);
      await waitFor(() => pongs >= 5, "five pongs");
      assert.equal(socket.connected, true);
    } finally {
      socket.disconnect();
      await server.close();
    }
  });

  it("gives up on a server that goes silent after the handshake: ping timeout", async () => {
    // A fake server speaking just enough Engine.IO to connect, then never pinging.
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    wss.on("connection", (ws) => {
      ws.send('0{"sid":"s","upgrades":[],"pingInterval":40,"pingTimeout":40,"maxPayload":1000}');
      ws.on("message", (data) => String(data).startsWith("40") && ws.send('40{"sid":"n"}'));
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const socket = client(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { WebSocket: webSocketWith() });
    try {
      await connected(socket);
      assert.deepEqual(await next(socket, "disconnect"), ["ping timeout"]);
    } finally {
      socket.disconnect();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});


describe("realtime client over long-polling", () => {
  let server: IoServer;
  const socket = () => client(server.url);
  after(() => server?.close());

  it("connects, answers acks and receives events on a polling-only server", async () => {
    server = await startIo({ transports: ["polling"] });
    const transports: string[] = [];
    server.io.on("connection", (s) => transports.push(s.conn.transport.name));
    const polling = await connected(socket());
    assert.deepEqual(transports, ["polling"]);
    assert.deepEqual(await polling.emitWithAck("echo", { text: "ü" }), { text: "ü" });
    const news = next(polling, "news");
    server.io.emit("news", "pushed");
    assert.deepEqual(await news, ["pushed"]);
    polling.disconnect();
  });

  it("sends a burst in order, in POSTs no larger than the server's maxPayload", async () => {
    await server.close();
    server = await startIo({ transports: ["polling"], maxHttpBufferSize: 10_000 });
    const polling = await connected(socket());
    // 20 packets of ~3 KB: one POST of them all would be refused (and the session closed).
    const texts = Array.from({ length: 20 }, (_, i) => `${i}:${"x".repeat(3000)}`);
    const answers = await Promise.all(texts.map((text) => polling.emitWithAck("echo", { text })));
    assert.deepEqual(answers.map((a) => a.text), texts);
    assert.equal(polling.connected, true);
    polling.disconnect();
  });

  it("reports the server's disconnect and tells the server of its own", async () => {
    const first = await connected(socket());
    const closed = next(first, "disconnect");
    // Without closing the connection on the server's side too: engine.io 6 leaves a 30 s timer
    // behind when it closes a polling session whose client has already gone (either client).
    for (const s of server.io.sockets.sockets.values()) s.disconnect();
    assert.deepEqual(await closed, ["io server disconnect"]);
    assert.equal(first.active, false);

    const second = await connected(socket());
    const [serverSide] = [...server.io.sockets.sockets.values()];
    const reason = new Promise<string>((resolve) => serverSide!.once("disconnect", resolve));
    second.disconnect();
    assert.equal(await reason, "client namespace disconnect");
    await waitFor(() => server.io.engine.clientsCount === 0, "the session closed");
  });

  it("notices the server going away and reconnects when it is back", async () => {
    const polling = await connected(socket());
    const port = server.port;
    const lost = next(polling, "disconnect");
    await server.close();
    assert.match((await lost)[0], /^transport (close|error)$/);
    server = await startIo({ transports: ["polling"] }, port);
    await next(polling, "connect");
    assert.deepEqual(await polling.emitWithAck("echo", { text: "again" }), { text: "again" });
    polling.disconnect();
  });
});

describe("realtime client against the chat server", () => {
  let app: TestServer;
  before(async () => {
    app = await startServer();
  });
  after(() => app.stop());

  const chatSocket = (cookie: string | undefined, WebSocket = webSocketWith(cookie ? { cookie } : {})) =>
    createRealtimeSocket<ServerToClientEvents, ClientToServerEvents>({
      url: app.url,
      auth: () => ({ reconnect: false }),
      WebSocket,
      fetch: fetchWith(cookie ? { cookie } : {}),
    });

  it("connects with the session cookie over either transport and speaks the contract", async () => {
    const cookie = await loginOrFail(app.url, "alice");
    for (const WebSocket of [webSocketWith({ cookie }), BlockedWebSocket]) {
      const socket = await connected(chatSocket(cookie, WebSocket));
      try {
        const joined = await socket.emitWithAck("room:join", { room: "lobby" }, 10_000);
        assert.ok(joined.ok, JSON.stringify(joined));
        const delivered = new Promise<string>((resolve) => socket.on("message:new", (m) => resolve(m.text)));
        const sent = await socket.emitWithAck("message:send", { room: "lobby", text: "via the realtime client", clientId: clientId() }, 10_000);
        assert.ok(sent.ok, JSON.stringify(sent));
        assert.equal(await delivered, "via the realtime client");
        const refused = await socket.emitWithAck("room:join", { room: "" }, 10_000);
        assert.equal(refused.ok, false);
      } finally {
        socket.disconnect();
      }
    }
  });

  it("gets connect_error 'unauthorized' with its data without a session, and does not retry", async () => {
    const socket = chatSocket(undefined);
    const error = await refused(socket);
    assert.equal(error.message, "unauthorized");
    assert.deepEqual(error.data, { code: "unauthorized", message: "sign in first" });
    assert.equal(socket.active, false);
  });
});
