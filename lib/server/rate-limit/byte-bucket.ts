import type { Redis } from "@/lib/server/db/redis";

// A token bucket of bytes that may go into debt: a request is let through while the bucket is not
// in debt and takes a reservation; what it served replaces the reservation afterwards, however
// much that was (a page's size is known only once it is read). Reserving keeps requests that run
// at the same time from all passing before any is charged. Debt is repaid at the bucket's rate.

/** Per-key byte buckets in this process. */
export class DebtBuckets {
  private readonly keys = new Map<number, { tokens: number; at: number }>();

  constructor(
    private readonly ratePerMs: number,
    private readonly burst: number,
  ) {}

  /** Takes `cost` unless `key` is in debt: 0 when taken, else the ms until it is not in debt. */
  take(key: number, cost: number, now: number): number {
    const tokens = this.tokens(key, now);
    if (tokens < 0) return Math.ceil(-tokens / this.ratePerMs);
    this.keys.set(key, { tokens: tokens - cost, at: now });
    return 0;
  }

  /** Charges `delta` more (a refund when negative), whatever the balance. */
  adjust(key: number, delta: number, now: number): void {
    this.keys.set(key, { tokens: Math.min(this.burst, this.tokens(key, now) - delta), at: now });
  }

  /** Forgets keys whose buckets are full again; returns how many remain. */
  sweep(now: number): number {
    for (const key of this.keys.keys()) if (this.tokens(key, now) >= this.burst) this.keys.delete(key);
    return this.keys.size;
  }

  private tokens(key: number, now: number): number {
    const state = this.keys.get(key);
    return state ? Math.min(this.burst, state.tokens + (now - state.at) * this.ratePerMs) : this.burst;
  }
}

// The same bucket in Redis, shared by every node, on Redis's clock (see redis-bucket.ts): ARGV[4]
// "take" is take(), else adjust(). The key expires once the bucket would be full again.
const CHARGE = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'n', 't')
local tokens = burst
if state[1] then tokens = math.min(burst, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * rate) end
if ARGV[4] == 'take' and tokens < 0 then return math.ceil(-tokens / rate) end
tokens = math.min(burst, tokens - cost)
redis.call('HSET', KEYS[1], 'n', tostring(tokens), 't', now)
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate) + 1000)
return 0`;

let sha: string | undefined;

/** take() (`take` true) or adjust() on the bucket at `key`; rejects when Redis cannot answer. */
export async function chargeRedisBytes(redis: Redis, key: string, bucket: { ratePerMs: number; burst: number }, cost: number, take: boolean): Promise<number> {
  const args = { keys: [key], arguments: [String(bucket.ratePerMs), String(bucket.burst), String(cost), take ? "take" : "adjust"] };
  if (sha) {
    try {
      return Number(await redis.evalSha(sha, args));
    } catch (error) {
      if (!String((error as Error).message).startsWith("NOSCRIPT")) throw error;
    }
  }
  sha = String(await redis.scriptLoad(CHARGE));
  return Number(await redis.evalSha(sha, args));
}
