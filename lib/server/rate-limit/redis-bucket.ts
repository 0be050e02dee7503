import type { Redis } from "@/lib/server/db/redis";

// One token bucket in Redis, shared by every node, taken atomically by one script that reads
// Redis's own clock (nodes' clocks may disagree). As in MemoryBuckets, each refusal is promised
// its own future token (field `h`, the latest promised), so refused requests retrying when told
// pass one per token. The key expires once the bucket would be full again and its promises are
// past, so idle users leave nothing behind. Returns 0 when a token was taken, else the ms to wait.
const TAKE = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'n', 't', 'h')
local tokens = burst
if state[1] then tokens = math.min(burst, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * rate) end
local promised = tonumber(state[3] or '0')
if tokens < 1 - 1e-9 then
  local slot = math.max(now + (1 - tokens) / rate, promised + 1 / rate)
  redis.call('HSET', KEYS[1], 'h', tostring(slot))
  if not state[1] then redis.call('HSET', KEYS[1], 'n', tostring(tokens), 't', now) end
  redis.call('PEXPIRE', KEYS[1], math.ceil(math.max(slot - now, (burst - tokens) / rate)) + 1000)
  return math.max(1, math.ceil(slot - now))
end
tokens = math.max(0, tokens - 1)
redis.call('HSET', KEYS[1], 'n', tostring(tokens), 't', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(math.max(promised - now, (burst - tokens) / rate)) + 1000)
return 0`;

let sha: string | undefined;

/** Takes a token from the bucket at `key`; rejects when Redis cannot answer. */
export async function takeRedisToken(redis: Redis, key: string, ratePerMs: number, burst: number): Promise<number> {
  const args = { keys: [key], arguments: [String(ratePerMs), String(burst)] };
  if (sha) {
    try {
      return Number(await redis.evalSha(sha, args));
    } catch (error) {
      if (!String((error as Error).message).startsWith("NOSCRIPT")) throw error;
    }
  }
  sha = String(await redis.scriptLoad(TAKE));
  return Number(await redis.evalSha(sha, args));
}
