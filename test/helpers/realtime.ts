import assert from "node:assert/strict";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server, type ServerOptions } from "socket.io";
import { io, type Socket } from "socket.io-client";

// A real Socket.IO server and socket.io-client sockets, for tests of the server's realtime parts.

export interface ServerEvents {
  news: (text: string) => void;
  blob: (data: Buffer) => void;
}
export interface ClientEvents {
  echo: (payload: { text: string }, ack: (answer: { text: string }) => void) => void;
  silent: (payload: object, ack: (answer: object) => void) => void;
  upload: (payload: unknown, ack: (answer: object) => void) => void;
}
export type TestClient = Socket<ServerEvents, ClientEvents>;
export type ConnectError = Error & { data?: unknown };

export interface IoServer {
  io: Server<ClientEvents, ServerEvents>;
  http: HttpServer;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** A Socket.IO server on `port` (an ephemeral one by default) that answers `echo` and never `silent`. */
export async function startIo(options: Partial<ServerOptions> = {}, port = 0): Promise<IoServer> {
  const http = createServer();
  const io = new Server<ClientEvents, ServerEvents>(http, { serveClient: false, ...options });
  io.on("connection", (socket) => {
    socket.on("echo", (payload, ack) => ack(payload));
    socket.on("silent", () => undefined);
  });
  await new Promise<void>((resolve) => http.listen(port, "127.0.0.1", resolve));
  const actual = (http.address() as AddressInfo).port;
  return {
    io,
    http,
    port: actual,
    url: `http://127.0.0.1:${actual}`,
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}

export interface ClientOptions {
  auth?: Record<string, unknown>;
  /** Long-polling only, as a browser behind a proxy that refuses WebSockets ends up; WebSocket only otherwise. */
  polling?: boolean;
}

/** A socket.io-client socket that connects when asked (`connected`), without reconnecting by itself unless asked. */
export function client(url: string, { auth = {}, polling = false }: ClientOptions = {}): TestClient {
  return io(url, { autoConnect: false, forceNew: true, transports: [polling ? "polling" : "websocket"], auth });
}

type Events = {
  connect: [];
  disconnect: [reason: string];
  connect_error: [error: Error & { data?: unknown }];
  news: [text: string];
};
type AnySocket = Socket;

/** The arguments of the next `event` of `socket`. */
export function next<E extends keyof Events>(socket: AnySocket, event: E): Promise<Events[E]> {
  return new Promise((resolve) => {
    const listener = (...args: unknown[]) => {
      socket.off(event as never, listener as never);
      resolve(args as Events[E]);
    };
    socket.on(event as never, listener as never);
  });
}

/** Connects; resolves once connected, rejects with the connect_error. */
export function connected<S extends AnySocket>(socket: S): Promise<S> {
  return new Promise((resolve, reject) => {
    const done = () => {
      socket.off("connect", onConnect);
      socket.off("connect_error", onError);
    };
    const onConnect = () => {
      done();
      resolve(socket);
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    socket.on("connect", onConnect);
    socket.on("connect_error", onError);
    socket.connect();
  });
}

/** Connects, expecting a refusal: resolves with the connect_error, fails the test if it connects. */
export function refused(socket: AnySocket): Promise<ConnectError> {
  return connected(socket).then(
    () => assert.fail("connected, expected a refusal"),
    (error: ConnectError) => error,
  );
}
