"use client";

import { io, Manager, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/shared/protocol";

// The only module of the browser code that imports socket.io-client (ESLint refuses it elsewhere).

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** A failed connection attempt; `data` is what the server's middleware refused it with. */
export type ConnectError = Error & { data?: unknown };
export type TransportName = "websocket" | "polling";

const OPTIONS = {
  // WebSocket first, as the fastest way to connected; where a proxy or network refuses it, the same
  // attempt goes on with long-polling (`tryAllTransports`), which then probes for an upgrade.
  transports: ["websocket", "polling"],
  tryAllTransports: true,
  // socket.io-client's reconnection after a lost connection: 0.5 to 1.5 s, doubling up to 5 s.
  reconnectionDelay: 1000,
  reconnectionDelayMax: 5000,
  randomizationFactor: 0.5,
  // It connects when the chat layout asks (lib/browser/connection/use-connection.ts).
  autoConnect: false,
} as const;

let socket: ClientSocket | undefined;
let connectedBefore = false;

/**
 * One socket per tab, shared by every component; the page's origin and socket.io-client's default
 * path, with the session cookie. It does not connect by itself: the chat layout opens it once its
 * listeners are in place, and closes it when the chat is left.
 */
export function getSocket(): ClientSocket {
  if (socket) return socket;
  // `auth.reconnect` tells the server's metrics a handshake is a reconnection of this tab.
  socket = io({ ...OPTIONS, transports: [...OPTIONS.transports], auth: (send) => send({ reconnect: connectedBefore }) });
  socket.on("connect", () => (connectedBefore = true));
  return socket;
}

/** The transport the socket's connection uses now; undefined while it has none. */
export function transportOf(target: ClientSocket): TransportName | undefined {
  return target.connected ? (target.io.engine.transport.name as TransportName) : undefined;
}

/** Calls `listener` when the connection's transport changes: at each connection and at an upgrade. */
export function onTransportChange(target: ClientSocket, listener: () => void): () => void {
  const onConnect = () => target.io.engine.once("upgrade", listener);
  target.on("connect", onConnect);
  target.on("connect", listener);
  target.on("disconnect", listener);
  return () => {
    target.off("connect", onConnect);
    target.off("connect", listener);
    target.off("disconnect", listener);
  };
}

/**
 * Whether a WebSocket to the server can be opened now: an Engine.IO connection of its own (no
 * Socket.IO namespace, so the server sees no user), WebSocket only, closed as soon as it opens.
 */
export function canOpenWebSocket(): Promise<boolean> {
  const probe = new Manager({ transports: ["websocket"], reconnection: false, autoConnect: false });
  return new Promise((resolve) => {
    probe.open((error) => {
      probe.engine.close();
      resolve(!error);
    });
  });
}

/** Closes the connection under the socket, which then reconnects with its backoff as after any loss. */
export function dropConnection(target: ClientSocket): void {
  if (target.connected) target.io.engine.close();
}
