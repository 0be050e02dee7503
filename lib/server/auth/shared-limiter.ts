import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "@/lib/server/env";
import type { Redis } from "@/lib/server/db/redis";
import { sharedRedis } from "@/lib/server/db/shared-redis";

export interface LimiterOptions {
  /** Part of the Redis key: `<REDIS_PREFIX>login:<name>:<key>`. */
  name: string;
  points: number;
  durationS: number;
  /** Every increment restarts the window (it ends after `durationS` quiet seconds), in Redis. */
  slidingWindow?: boolean;
}

// rate-limiter-flexible's increment with one change: the expiry is set again on every increment.
const SLIDING_INCREMENT = `local consumed = redis.call('incrby', KEYS[1], ARGV[1])
redis.call('expire', KEYS[1], ARGV[2])
return {consumed, 1000 * tonumber(ARGV[2])}`;

/**
 * A rate-limiter-flexible limiter shared by every node through Redis (REDIS_URL), with this
 * process's memory as its insurance: while Redis is not ready, or a call fails, the same memory
 * limiter answers at once (no wait for node-redis's queue), and Redis answers again as soon as it
 * is back. Without REDIS_URL the memory limiter alone. The Redis limiter is made when the
 * connection first appears (the socket server opens it; see lib/server/db/shared-redis.ts).
 */
export class SharedLimiter {
  private readonly memory: RateLimiterMemory;
  private redis: { client: Redis; limiter: RateLimiterRedis } | null = null;

  constructor(private readonly options: LimiterOptions) {
    this.memory = new RateLimiterMemory({ keyPrefix: options.name, points: options.points, duration: options.durationS });
  }

  get limiter(): RateLimiterAbstract {
    const client = env.redisUrl ? sharedRedis() : null;
    if (!client) return this.memory;
    if (this.redis?.client !== client) this.redis = { client, limiter: this.redisLimiter(client) };
    return this.redis.limiter;
  }

  private redisLimiter(client: Redis): RateLimiterRedis {
    const { name, points, durationS, slidingWindow } = this.options;
    return new RateLimiterRedis({
      storeClient: client,
      // node-redis 6 (not ioredis): without this flag every call fails.
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      keyPrefix: `${env.redisPrefix}login:${name}`,
      points,
      duration: durationS,
      insuranceLimiter: this.memory,
      ...(slidingWindow ? { customIncrTtlLuaScript: SLIDING_INCREMENT } : {}),
    });
  }
}
