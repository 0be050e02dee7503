import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/ops/logger";
import { LIMITED_EVENTS, resolveLimits, type LimitedEvent } from "@/lib/server/rate-limit/limits";
import { MemoryBuckets } from "@/lib/server/rate-limit/memory-buckets";
import { takeRedisToken } from "@/lib/server/rate-limit/redis-bucket";
import type { Redis } from "@/lib/server/db/redis";

// Per-user limits on client events. Every event first takes a token from this process's bucket:
// if this node alone has seen too many, the user is over the limit everywhere and Redis is not
// asked. Otherwise, with Redis, the shared bucket decides, so the limit holds across nodes; if
// Redis cannot answer, the local bucket's answer stands rather than refusing everyone.

const limits = resolveLimits(env.rateLimits, env.rateLimitFactor);
const indexOf = Object.fromEntries(LIMITED_EVENTS.map((event, i) => [event, i])) as Record<LimitedEvent, number>;
const ratePerMs = LIMITED_EVENTS.map((event) => limits[event].perSecond / 1000);
const bursts = LIMITED_EVENTS.map((event) => limits[event].burst);
const local = new MemoryBuckets(ratePerMs, bursts);

let shared: { redis: Redis; prefix: string } | null = null;
let sharedFailing = false;

const sweeper = setInterval(() => local.sweep(Date.now()), 60_000);
sweeper.unref();

/** From now on, buckets are shared through Redis (keys `<prefix>rl:<userId>:<event>`). */
export function shareLimits(redis: Redis, prefix: string): void {
  shared = { redis, prefix };
}

/**
 * Takes one `event` token of the user: 0 when allowed, else how many ms until one is available.
 * Synchronous without Redis, so the common path costs no promise.
 */
export function takeToken(userId: number, event: LimitedEvent): number | Promise<number> {
  const index = indexOf[event];
  const wait = local.take(userId, index, Date.now());
  if (wait > 0 || !shared || !shared.redis.isReady) return wait;
  const key = `${shared.prefix}rl:${userId}:${event}`;
  return takeRedisToken(shared.redis, key, ratePerMs[index]!, bursts[index]!).then(
    (result) => {
      if (sharedFailing) logger.info("shared rate limits restored");
      sharedFailing = false;
      return result;
    },
    (error: unknown) => {
      if (!sharedFailing) logger.warn({ err: error }, "shared rate limits unavailable, limiting per node");
      sharedFailing = true;
      return 0;
    },
  );
}

export function limitOf(event: LimitedEvent): { perSecond: number; burst: number } {
  return limits[event];
}
