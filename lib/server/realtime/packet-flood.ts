import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/ops/logger";
import type { ChatSocket } from "@/lib/server/realtime/types";

// Per-event limits answer `rate_limited`, but only for events that are handled: unknown event
// names and events without an acknowledgement are dropped unanswered, and so unlimited. This
// bound on all packets of one socket, far above the sum of the per-event limits, disconnects a
// socket that floods anyway. One bucket per socket, made on its first packet: an idle socket has none.
// A packet answered `rate_limited` gets its token back (refundPacket): the answer is the server's
// own choice, so a client waiting out the limit with many sends queued is never cut for it.
const PER_SECOND = 100;
const BURST = 300;

interface Bucket {
  tokens: number;
  stamp: number;
}

const buckets = new WeakMap<ChatSocket, Bucket>();

/** Takes a token of the socket's bucket; a socket with none left is disconnected and its packet dropped. */
export function allowPacket(socket: ChatSocket): boolean {
  const burst = BURST * env.rateLimitFactor;
  const now = Date.now();
  let bucket = buckets.get(socket);
  if (!bucket) {
    bucket = { tokens: burst, stamp: now };
    buckets.set(socket, bucket);
  }
  bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.stamp) * PER_SECOND * env.rateLimitFactor) / 1000);
  bucket.stamp = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return true;
  }
  if (socket.connected) {
    logger.info({ user: socket.data.user.id, reason: "packet_flood" }, "socket disconnected");
    socket.disconnect(true);
  }
  return false;
}

/** Gives back the token of a packet the server refused on its own terms (`rate_limited`). */
export function refundPacket(socket: ChatSocket): void {
  const bucket = buckets.get(socket);
  if (bucket) bucket.tokens = Math.min(BURST * env.rateLimitFactor, bucket.tokens + 1);
}
