import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { env } from "@/lib/env";
import { authenticate } from "@/lib/socket/authenticate";
import { loadMemberships, onConnection } from "@/lib/socket/connection";
import { onSessionEnd } from "@/lib/session-events";
import { sessionChannelOf, type ChatServer } from "@/lib/socket/types";

/**
 * Frames above this are refused by Socket.IO itself (the connection is closed). The largest
 * valid payload is a text of 16,000 UTF-16 units before trimming, up to 6 bytes each once
 * JSON-escaped: 96 KB, plus the envelope.
 */
const MAX_FRAME_BYTES = 128 * 1024;

export function attachSocketServer(httpServer: HttpServer): ChatServer {
  const io: ChatServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_FRAME_BYTES,
    // A connection that dies silently is noticed within pingInterval + pingTimeout (45 s by default).
    pingInterval: env.pingIntervalMs,
    pingTimeout: env.pingTimeoutMs,
  });
  io.use((socket, next) => void authenticate(socket, next));
  io.use((socket, next) => void loadMemberships(socket, next));
  io.on("connection", (socket) => onConnection(io, socket));
  // Signing out in one tab closes the sockets of every tab of that browser session.
  onSessionEnd((sessionId) => io.in(sessionChannelOf(sessionId)).disconnectSockets(true));
  return io;
}
