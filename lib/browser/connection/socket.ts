"use client";

import { createRealtimeSocket, type RealtimeSocket } from "@/lib/browser/connection/realtime/realtime-socket";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/shared/protocol";

export type ClientSocket = RealtimeSocket<ServerToClientEvents, ClientToServerEvents>;

let socket: ClientSocket | undefined;
let connectedBefore = false;

/**
 * One socket per tab, shared by every component; same origin, path `/socket.io/`, session cookie;
 * WebSocket first, long-polling when a proxy or network blocks WebSockets (lib/browser/realtime/).
 * It does not connect by itself: the chat layout opens it (lib/browser/connection/use-connection.ts) once
 * its listeners are in place, and closes it when the chat is left.
 */
export function getSocket(): ClientSocket {
  if (socket) return socket;
  // `auth.reconnect` tells the server's metrics a handshake is a reconnection of this tab.
  socket = createRealtimeSocket({ auth: () => ({ reconnect: connectedBefore }) });
  socket.on("connect", () => (connectedBefore = true));
  return socket;
}
