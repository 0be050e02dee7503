import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { env } from "@/lib/env";
import { countDeliveries } from "@/lib/ops/count-deliveries";
import { connectRedis } from "@/lib/redis";
import { onSessionEnd } from "@/lib/session-events";
import { authenticate } from "@/lib/socket/authenticate";
import { onConnection, subscribeSocket } from "@/lib/socket/connection";
import { startPresence } from "@/lib/socket/presence";
import { fallbackPresence } from "@/lib/socket/fallback-presence";
import { redisPresence } from "@/lib/socket/presence-store";
import { streamsAdapter } from "@/lib/socket/streams-adapter";
import { sessionChannelOf, type ChatServer } from "@/lib/socket/types";

/**
 * Frames above this are refused by Socket.IO itself (the connection is closed). The largest
 * valid payload is a text of 16,000 UTF-16 units before trimming, up to 6 bytes each once
 * JSON-escaped: 96 KB, plus the envelope.
 */
const MAX_FRAME_BYTES = 128 * 1024;

export interface SocketServer {
  io: ChatServer;
  /** Disconnects every client (they reconnect, to another node if there is one) and stops. Redis stays open. */
  close(): Promise<void>;
}

export async function startSocketServer(httpServer: HttpServer): Promise<SocketServer> {
  const io: ChatServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_FRAME_BYTES,
    transports: env.socketTransports,
    // A connection that dies silently is noticed within pingInterval + pingTimeout (45 s by default).
    pingInterval: env.pingIntervalMs,
    pingTimeout: env.pingTimeoutMs,
  });
  countDeliveries();
  const redis = await connectRedis();
  // Several nodes: broadcasts, room joins and presence go through Redis (see docs/deployment.md).
  // While Redis is away both fall back to this node alone (see their files) rather than wait.
  const presence = redis && fallbackPresence(redisPresence(redis, env.redisPrefix, env.presenceTtlMs), () => redis.isReady);
  const stopPresence = presence ? startPresence(io, presence) : () => {};
  if (redis) io.adapter(streamsAdapter(redis, { streamName: `${env.redisPrefix}socket.io`, maxLen: 100_000 }));
  io.use((socket, next) => void authenticate(socket, next));
  io.use((socket, next) => void subscribeSocket(socket, next));
  io.on("connection", (socket) => onConnection(io, socket));
  // Signing out in one tab closes the sockets of every tab of that browser session.
  onSessionEnd((sessionId) => io.in(sessionChannelOf(sessionId)).disconnectSockets(true));
  return {
    io,
    async close() {
      stopPresence();
      // Stops accepting connections, disconnects every socket and waits for HTTP requests under way.
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
        httpServer.closeIdleConnections();
      });
    },
  };
}
