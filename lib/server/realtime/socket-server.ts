import type { IncomingMessage, Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { env } from "@/lib/server/env";
import { countDeliveries } from "@/lib/server/ops/count-deliveries";
import { hasPathTarget } from "@/lib/server/ops/request-target";
import { MAX_FRAME_BYTES } from "@/lib/shared/protocol/limits";
import { connectRedis } from "@/lib/server/db/redis";
import { shareByteLimit } from "@/lib/server/rate-limit/byte-limiter";
import { shareLimits } from "@/lib/server/rate-limit/event-limiter";
import { onSessionEnd } from "@/lib/server/auth/session-events";
import { ackIdParser } from "@/lib/server/realtime/ack-id-parser";
import { authenticate } from "@/lib/server/realtime/authenticate";
import { startBackpressure } from "@/lib/server/realtime/backpressure";
import { connectionHandler, subscribeSocket } from "@/lib/server/realtime/connection";
import { writeBroadcastsDirectly } from "@/lib/server/realtime/direct-broadcast";
import { startLiveness } from "@/lib/server/realtime/liveness";
import { startPresence } from "@/lib/server/presence/presence";
import { fallbackPresence } from "@/lib/server/presence/fallback-presence";
import { redisPresence } from "@/lib/server/presence/presence-store";
import { startSessionRevocation } from "@/lib/server/realtime/session-revocation";
import { capSockets } from "@/lib/server/realtime/socket-cap";
import { streamsAdapter } from "@/lib/server/realtime/streams-adapter";
import { sessionChannelOf, type ChatServer } from "@/lib/server/realtime/types";

export interface SocketServer {
  io: ChatServer;
  /** Disconnects every client (they reconnect, to another node if there is one) and stops. Redis stays open. */
  close(): Promise<void>;
}

/**
 * Next adds an `upgrade` listener of its own to the HTTP server on its first request, and it
 * resolves Next's routes for every WebSocket upgrade, Socket.IO's too: most of a connection's CPU
 * outside Socket.IO, and listeners that stay on every socket. Engine.IO's listener is already in
 * place; Next's listeners added from now on see every upgrade but Socket.IO's (HMR in dev, say).
 */
function keepSocketUpgradesFromNext(httpServer: HttpServer, socketPath: string): void {
  type Listener = (...args: unknown[]) => void;
  const prefix = `${socketPath.replace(/\/$/, "")}/`;
  const on = httpServer.on.bind(httpServer) as (event: string, listener: Listener) => HttpServer;
  const skipSockets = (listener: Listener): Listener => (req, ...rest) => {
    // A target that is not a path (`*`) is server.ts's to refuse: Next logged a stack trace for it.
    if (hasPathTarget(req as IncomingMessage) && !(req as IncomingMessage).url?.startsWith(prefix)) listener(req, ...rest);
  };
  httpServer.on = ((event: string, listener: Listener) => on(event, event === "upgrade" ? skipSockets(listener) : listener)) as HttpServer["on"];
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
  keepSocketUpgradesFromNext(httpServer, io.path());
  // In this order: the delivery count wraps whichever broadcast is in place.
  writeBroadcastsDirectly();
  countDeliveries();
  const redis = await connectRedis();
  // Several nodes: broadcasts, room joins and presence go through Redis (see docs/deployment.md).
  // While Redis is away both fall back to this node alone (see their files) rather than wait.
  const presence = redis && fallbackPresence(redisPresence(redis, env.redisPrefix, env.presenceTtlMs), () => redis.isReady);
  const stopPresence = presence ? startPresence(io, presence) : () => {};
  if (redis) io.adapter(streamsAdapter(redis, { streamName: `${env.redisPrefix}socket.io`, maxLen: 100_000 }));
  if (redis) shareLimits(redis, env.redisPrefix);
  if (redis) shareByteLimit(redis, env.redisPrefix);
  io.use((socket, next) => void authenticate(socket, next));
  io.use(subscribeSocket);
  io.use(capSockets);
  io.on("connection", connectionHandler(io));
  // Signing out in one tab closes the sockets of every tab of that browser session.
  onSessionEnd((sessionId) => io.in(sessionChannelOf(sessionId)).disconnectSockets(true));
  const stopRevocation = startSessionRevocation(io);
  const stopSweeps = [startBackpressure(io), startLiveness()];
  return {
    io,
    async close() {
      stopPresence();
      stopRevocation();
      for (const stop of stopSweeps) stop();
      // Stops accepting connections, disconnects every socket and waits for HTTP requests under way.
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
        httpServer.closeIdleConnections();
      });
    },
  };
}
