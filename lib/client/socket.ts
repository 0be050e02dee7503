"use client";

import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/protocol";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: ClientSocket | undefined;
let connectedBefore = false;

/**
 * One socket per tab, shared by every component; same origin, default path, session cookie.
 * It does not connect by itself: the chat layout opens it (lib/client/use-connection.ts) once
 * its listeners are in place, and closes it when the chat is left.
 */
export function getSocket(): ClientSocket {
  if (socket) return socket;
  // WebSocket first; long-polling when a proxy or network blocks WebSockets. `auth.reconnect`
  // tells the server's metrics a handshake is a reconnection of this tab.
  socket = io({
    transports: ["websocket", "polling"],
    tryAllTransports: true,
    withCredentials: true,
    autoConnect: false,
    auth: (send) => send({ reconnect: connectedBefore }),
  });
  socket.on("connect", () => (connectedBefore = true));
  return socket;
}
