import { env } from "@/lib/server/env";
import { AppError } from "@/lib/shared/errors";
import { logger } from "@/lib/server/ops/logger";
import { MAX_PAGE_BYTES } from "@/lib/shared/protocol";
import { chargeRedisBytes, DebtBuckets } from "@/lib/server/rate-limit/byte-bucket";
import type { Redis } from "@/lib/server/db/redis";

// Reads that can be large (history pages, catch-ups) are limited by the bytes they serve, per
// user, not only by how many requests arrive: 39 bytes of `room:join { since: 0 }` may ask for a
// megabyte. A user whose byte bucket is in debt is answered `rate_limited` until it is repaid.
// Like the event limits (event-limiter.ts), this node's bucket answers first and, with Redis, the
// shared one decides; while Redis cannot answer, the node's own bucket stands.

/** Bytes per second each user may be served (times RATE_LIMIT_FACTOR). */
export const BYTES_PER_SECOND = 4 * MAX_PAGE_BYTES;
/** Bytes a user may take at once: a few pages (times RATE_LIMIT_FACTOR). */
export const BYTE_BURST = 4 * MAX_PAGE_BYTES;
/** What a request holds while it runs: a page's budget, replaced by what it served. */
const RESERVE = MAX_PAGE_BYTES;

const bucket = { ratePerMs: (BYTES_PER_SECOND * env.rateLimitFactor) / 1000, burst: BYTE_BURST * env.rateLimitFactor };
const local = new DebtBuckets(bucket.ratePerMs, bucket.burst);

let shared: { redis: Redis; prefix: string } | null = null;
let sharedFailing = false;

const sweeper = setInterval(() => local.sweep(Date.now()), 60_000);
sweeper.unref();

/** From now on, byte buckets are shared through Redis (keys `<prefix>rl:<userId>:bytes`). */
export function shareByteLimit(redis: Redis, prefix: string): void {
  shared = { redis, prefix };
}

/**
 * Runs `serve` under the user's byte limit: refused with `rate_limited` (and `retryAfterMs`) while
 * the user's bucket is in debt; `serve` reports what it sent through `charge`, and that is what
 * the user pays, even when it failed halfway. The charge is settled (in Redis too) before this
 * resolves, so a reply is never ahead of its own cost on another node.
 */
export async function withByteLimit<T>(userId: number, serve: (charge: (bytes: number) => void) => Promise<T>): Promise<T> {
  await reserve(userId);
  let served = 0;
  try {
    return await serve((bytes) => (served += bytes));
  } finally {
    // Settled before the reply goes out: once a user holds an answer, every node sees its cost.
    await adjust(userId, served - RESERVE);
  }
}

async function reserve(userId: number): Promise<void> {
  let wait = local.take(userId, RESERVE, Date.now());
  if (wait === 0) {
    wait = await askShared(userId, RESERVE, true);
    // Refused by the shared bucket: this node's reservation is given back.
    if (wait > 0) local.adjust(userId, -RESERVE, Date.now());
  }
  if (wait > 0) {
    const message = `too many bytes of history requested, try again in ${Math.ceil(wait / 1000)} s`;
    throw new AppError("rate_limited", message, { retryAfterMs: wait });
  }
}

async function adjust(userId: number, delta: number): Promise<void> {
  local.adjust(userId, delta, Date.now());
  if (delta !== 0) await askShared(userId, delta, false);
}

async function askShared(userId: number, cost: number, take: boolean): Promise<number> {
  if (!shared || !shared.redis.isReady) return 0;
  try {
    const wait = await chargeRedisBytes(shared.redis, `${shared.prefix}rl:${userId}:bytes`, bucket, cost, take);
    if (sharedFailing) logger.info("shared byte limits restored");
    sharedFailing = false;
    return wait;
  } catch (error) {
    if (!sharedFailing) logger.warn({ err: error }, "shared byte limits unavailable, limiting per node");
    sharedFailing = true;
    return 0;
  }
}
