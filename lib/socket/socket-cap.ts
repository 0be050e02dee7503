import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { rejectedConnections } from "@/lib/ops/metrics";
import type { ChatSocket } from "@/lib/socket/types";

// At most SOCKETS_PER_USER sockets per user on this node: a person has a few tabs and devices,
// a script opening sockets in a loop is refused at the handshake. Counted per node (a cluster
// admits up to that many per node); the rate limits, which hold cluster-wide, bound what
// each socket can do.
const open = new Map<number, number>();

/** Socket.IO middleware, last in line: a socket it lets through is connected right after. */
export function capSockets(socket: ChatSocket, next: (error?: Error) => void): void {
  const userId = socket.data.user.id;
  const count = open.get(userId) ?? 0;
  if (count >= env.socketsPerUser) {
    logger.info({ user: userId, reason: "socket_cap" }, "socket refused");
    rejectedConnections.inc({ reason: "rate_limited" });
    const message = `at most ${env.socketsPerUser} connections per user: close a tab or device`;
    return next(Object.assign(new Error("rate_limited"), { data: { code: "rate_limited", message } }));
  }
  open.set(userId, count + 1);
  // A handshake whose connection closes before it completes never emits "disconnect".
  let counted = true;
  const release = () => {
    if (!counted) return;
    counted = false;
    const left = (open.get(userId) ?? 1) - 1;
    if (left > 0) open.set(userId, left);
    else open.delete(userId);
  };
  socket.once("disconnect", release);
  socket.conn.once("close", release);
  next();
}
