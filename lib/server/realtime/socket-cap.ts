import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/ops/logger";
import { rejectedConnections } from "@/lib/server/ops/metrics";
import { userChannelOf, type ChatSocket } from "@/lib/server/realtime/types";

// At most SOCKETS_PER_USER sockets per user on this node: a person has a few tabs and devices,
// a script opening sockets in a loop is refused at the handshake. Counted per node (a cluster
// admits up to that many per node); the rate limits, which hold cluster-wide, bound what
// each socket can do.
//
// Nothing is counted here: subscribeSocket has just joined this socket to its user's channel,
// whose sockets in this node's adapter are exactly that user's sockets on this node, connected
// or still in their handshake, this one included. Socket.IO takes a socket out of its channels
// when it is refused, when its connection closes before the handshake ends, and on disconnect.

/** Socket.IO middleware, last in line, right after subscribeSocket: a socket it lets through is connected next. */
export function capSockets(socket: ChatSocket, next: (error?: Error) => void): void {
  const userId = socket.data.user.id;
  const count = socket.nsp.adapter.rooms.get(userChannelOf(userId))?.size ?? 0;
  if (count > env.socketsPerUser) {
    logger.info({ user: userId, reason: "socket_cap" }, "socket refused");
    rejectedConnections.inc({ reason: "rate_limited" });
    const message = `at most ${env.socketsPerUser} connections per user: close a tab or device`;
    return next(Object.assign(new Error("rate_limited"), { data: { code: "rate_limited", message } }));
  }
  next();
}
