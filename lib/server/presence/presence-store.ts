import type { Redis } from "@/lib/server/db/redis";

// Who is online, counted in sockets. In memory for one process; in Redis for a cluster, where
// each socket is an entry with an expiry that its node keeps extending: a node that dies stops
// extending, and `sweep` (run by every node) finds the users it leaves with no socket at all.

export interface PresenceStore {
  /** Records a socket; true when its user had none before (came online). */
  add(userId: number, socketId: string): Promise<boolean>;
  /** Forgets a socket; true when its user has none left (went offline). */
  remove(userId: number, socketId: string): Promise<boolean>;
  /** Extends the life of this node's sockets. */
  refresh(entries: { userId: number; socketId: string }[]): Promise<void>;
  /** Users whose every socket expired, each reported by exactly one node. */
  sweep(): Promise<number[]>;
  isOnline(userId: number): Promise<boolean>;
  onlineUserIds(): Promise<number[]>;
}

export function memoryPresence(): PresenceStore {
  const counts = new Map<number, number>();
  return {
    async add(userId) {
      const count = (counts.get(userId) ?? 0) + 1;
      counts.set(userId, count);
      return count === 1;
    },
    async remove(userId) {
      const count = (counts.get(userId) ?? 0) - 1;
      if (count > 0) counts.set(userId, count);
      else counts.delete(userId);
      return count <= 0;
    },
    refresh: async () => {},
    sweep: async () => [],
    isOnline: async (userId) => counts.has(userId),
    onlineUserIds: async () => [...counts.keys()],
  };
}


// All scripts read the clock of Redis, so nodes with skewed clocks agree.
const NOW = "local t = redis.call('TIME'); local now = t[1] * 1000 + math.floor(t[2] / 1000);";

const ADD = `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local was = redis.call('ZCARD', KEYS[1])
local expiry = now + tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], expiry, ARGV[1])
redis.call('ZADD', KEYS[2], 'GT', expiry, ARGV[3])
return was == 0 and 1 or 0`;

const REMOVE = `${NOW}
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
redis.call('DEL', KEYS[1])
return redis.call('ZREM', KEYS[2], ARGV[2])`;

const REFRESH = `${NOW}
local expiry = now + tonumber(ARGV[1])
for i = 2, #ARGV, 2 do
  redis.call('ZADD', KEYS[2] .. ARGV[i], expiry, ARGV[i + 1])
  redis.call('ZADD', KEYS[1], expiry, ARGV[i])
end
return 0`;

const SWEEP = `${NOW}
local gone = {}
for _, user in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 500)) do
  local key = KEYS[2] .. user
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  local newest = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  if #newest == 0 then
    redis.call('DEL', key)
    redis.call('ZREM', KEYS[1], user)
    table.insert(gone, user)
  else
    redis.call('ZADD', KEYS[1], newest[2], user)
  end
end
return gone`;

const ONLINE = `${NOW} return redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')`;
const IS_ONLINE = `${NOW} return redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')`;

/** Keys live under `prefix` (REDIS_PREFIX), so several deployments can share one Redis. */
export function redisPresence(redis: Redis, prefix: string, ttlMs: number): PresenceStore {
  const USERS = `${prefix}presence:users`;
  const USER = `${prefix}presence:u:`;
  const userKey = (userId: number) => `${USER}${userId}`;
  const run = (script: string, keys: string[], args: (string | number)[]) =>
    redis.eval(script, { keys, arguments: args.map(String) });
  return {
    add: async (userId, socketId) => (await run(ADD, [userKey(userId), USERS], [socketId, ttlMs, userId])) === 1,
    remove: async (userId, socketId) => (await run(REMOVE, [userKey(userId), USERS], [socketId, userId])) === 1,
    async refresh(entries) {
      for (let i = 0; i < entries.length; i += 1000) {
        const args = entries.slice(i, i + 1000).flatMap((e) => [e.userId, e.socketId]);
        await run(REFRESH, [USERS, USER], [ttlMs, ...args]);
      }
    },
    sweep: async () => ((await run(SWEEP, [USERS, USER], [])) as string[]).map(Number),
    isOnline: async (userId) => Number(await run(IS_ONLINE, [userKey(userId)], [])) > 0,
    onlineUserIds: async () => ((await run(ONLINE, [USERS], [])) as string[]).map(Number),
  };
}
