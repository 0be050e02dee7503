import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { ChatSocket } from "@/lib/socket/types";

// Per-event limits answer `rate_limited`, but only for events that are handled: unknown event
// names and events without an acknowledgement are dropped unanswered, and so unlimited. This
// bound on all packets of one socket, far above the sum of the per-event limits, disconnects a
// socket that floods anyway. One bucket per socket, two numbers in a closure.
const PER_SECOND = 100;
const BURST = 300;

export function limitPackets(socket: ChatSocket): void {
  const ratePerMs = (PER_SECOND * env.rateLimitFactor) / 1000;
  const burst = BURST * env.rateLimitFactor;
  let tokens = burst;
  let stamp = Date.now();
  socket.use((_packet, next) => {
    const now = Date.now();
    tokens = Math.min(burst, tokens + (now - stamp) * ratePerMs);
    stamp = now;
    if (tokens >= 1) {
      tokens -= 1;
      return next();
    }
    if (socket.connected) {
      logger.info({ user: socket.data.user.id, reason: "packet_flood" }, "socket disconnected");
      socket.disconnect(true);
    }
  });
}
