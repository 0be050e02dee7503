import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { env } from "@/lib/server/env";
import { countDeliveries } from "@/lib/server/ops/count-deliveries";
import { MAX_FRAME_BYTES } from "@/lib/shared/protocol/limits";
import { connectPublisher, connectRedis } from "@/lib/server/db/redis";
import { shareByteLimit } from "@/lib/server/rate-limit/byte-limiter";
import { shareLimits } from "@/lib/server/rate-limit/event-limiter";
import { onSessionEnd } from "@/lib/server/auth/session-events";
import { ackIdParser } from "@/lib/server/realtime/ack-id-parser";
import { authenticate } from "@/lib/server/realtime/authenticate";
import { startBackpressure } from "@/lib/server/realtime/backpressure";
import { connectionHandler, subscribeSocket } from "@/lib/server/realtime/connection";
import { startLiveness } from "@/lib/server/realtime/liveness";
import { startPresence } from "@/lib/server/presence/presence";
import { fallbackPresence } from "@/lib/server/presence/fallback-presence";
import { redisPresence } from "@/lib/server/presence/presence-store";
import { startSessionRevocation } from "@/lib/server/realtime/session-revocation";
import { ChatAdapter } from "@/lib/server/realtime/chat-adapter";
import { capSockets } from "@/lib/server/realtime/socket-cap";
import { streamsAdapter } from "@/lib/server/realtime/streams-adapter";
import { sessionChannelOf, type ChatServer } from "@/lib/server/realtime/types";
import { startIndexer } from "@/lib/server/search/indexer";

export interface SocketServer {
  io: ChatServer;
  /** Disconnects every client (they reconnect, to another node if there is one) and stops. Redis stays open. */
  close(): Promise<void>;
}

export async function startSocketServer(httpServer: HttpServer): Promise<SocketServer> {
  const io: ChatServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_FRAME_BYTES,
    parser: ackIdParser,
    transports: env.socketTransports,
    // A connection that dies silently is noticed within pingInterval + pingTimeout (45 s by default).
    pingInterval: env.pingIntervalMs,
    pingTimeout: env.pingTimeoutMs,
  });
  const redis = await connectRedis();
  // Several nodes: broadcasts, room joins and presence go through Redis (see docs/deployment.md).
  // While Redis is away both fall back to this node alone (see their files) rather than wait.
  const presence = redis && fallbackPresence(redisPresence(redis, env.redisPrefix, env.presenceTtlMs), () => redis.isReady);
  const stopPresence = presence ? startPresence(io, presence) : () => {};
  const stream = { streamName: `${env.redisPrefix}socket.io`, maxLen: 100_000 };
  io.adapter(redis ? streamsAdapter(await connectPublisher(redis), stream) : ChatAdapter);
  if (redis) shareLimits(redis, env.redisPrefix);
  if (redis) shareByteLimit(redis, env.redisPrefix);
  io.use(countDeliveries);
  io.use((socket, next) => void authenticate(socket, next));
  io.use(subscribeSocket);
  io.use(capSockets);
  io.on("connection", connectionHandler(io));
  // Signing out in one tab closes the sockets of every tab of that browser session.
  onSessionEnd((sessionId) => io.in(sessionChannelOf(sessionId)).disconnectSockets(true));
  const stopRevocation = startSessionRevocation(io);
  const stopSweeps = [startBackpressure(io), startLiveness()];
  const stopIndexer = startIndexer();
  return {
    io,
    async close() {
      stopPresence();
      stopRevocation();
      for (const stop of stopSweeps) stop();
      // Before the database closes: a pass under way finishes its transaction.
      await stopIndexer();
      // Stops accepting connections, disconnects every socket and waits for HTTP requests under way.
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
        httpServer.closeIdleConnections();
      });
    },
  };
}
