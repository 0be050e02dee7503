import type { Redis } from "@/lib/server/db/redis";

// The Redis connection is opened by the socket server (lib/server/db/redis.ts, in server.ts's module graph).
// Next bundles its own copy of every module, so code running inside Next (sign-in) finds the same
// connection here rather than opening a second one. A type-only import: the bundle never loads
// node-redis itself.
const shared = globalThis as typeof globalThis & { __chatRedis?: Redis | null };

export function shareRedis(client: Redis | null): void {
  shared.__chatRedis = client;
}

/** The process's Redis connection, from either module graph; null without REDIS_URL or before it opens. */
export function sharedRedis(): Redis | null {
  return shared.__chatRedis ?? null;
}
