import assert from "node:assert/strict";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server, type ServerOptions } from "socket.io";
import WebSocket from "ws";
import { createRealtimeSocket, type ConnectError, type RealtimeOptions, type RealtimeSocket } from "@/lib/browser/connection/realtime/realtime-socket";
import type { WebSocketConstructor } from "@/lib/browser/connection/realtime/transport";

// Helpers for driving the browser's Socket.IO client (lib/browser/realtime/) from Node, against a
// real Socket.IO server. Node 20 has no WebSocket of its own: `ws` stands in for the browser's.

export interface ServerEvents {
  news: (text: string) => void;
  blob: (data: Buffer) => void;
}
export interface ClientEvents {
  echo: (payload: { text: string }, ack: (answer: { text: string }) => void) => void;
  silent: (payload: object, ack: (answer: object) => void) => void;
  upload: (payload: unknown, ack: (answer: object) => void) => void;
}
export type TestClient = RealtimeSocket<ServerEvents, ClientEvents>;

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

/** `ws` with extra request headers (the session cookie a browser would send by itself). */
export function webSocketWith(headers: Record<string, string> = {}): WebSocketConstructor {
  class WithHeaders extends WebSocket {
    constructor(url: string) {
      super(url, { headers });
    }
  }
  return WithHeaders as unknown as WebSocketConstructor;
}

/** A WebSocket as a proxy that refuses WebSockets leaves it: it errors, then closes. */
export const BlockedWebSocket = class {
  onmessage = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    setTimeout(() => {
      this.onerror?.();
      this.onclose?.();
    });
  }
  send() {}
  close() {}
} as unknown as WebSocketConstructor;

/** Node's fetch with extra request headers. */
export function fetchWith(headers: Record<string, string>): typeof fetch {
  return (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } });
}

export function client(url: string, options: Partial<RealtimeOptions> = {}): TestClient {
  return createRealtimeSocket<ServerEvents, ClientEvents>({ url, auth: () => ({}), WebSocket: webSocketWith(), ...options });
}

type Events = {
  connect: [];
  disconnect: [reason: string];
  connect_error: [error: Error & { data?: unknown }];
  news: [text: string];
};
type AnySocket = RealtimeSocket<object, object>;

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
