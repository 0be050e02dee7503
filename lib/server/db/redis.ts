import { createClient } from "redis";
import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/ops/logger";
import { shareRedis } from "@/lib/server/db/shared-redis";

function makeClient(url: string) {
  return createClient({
    url,
    // RESP2: the reply shapes the Socket.IO streams adapter expects.
    RESP: 2,
    // Keep trying: when Redis returns, the streams adapter resumes where it stopped and clients
    // catch up on anything they missed. Meanwhile commands are queued and fail after about 5 s;
    // what must not wait (publishing, presence, readiness) checks `isReady` and does without.
    socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5_000) },
  });
}

export type Redis = ReturnType<typeof makeClient>;

let client: Redis | null = null;
let publisher: Redis | null = null;
const restoredListeners = new Set<() => void>();

/**
 * Runs `listener` each time the connection is ready again after being lost: what the adapter
 * dropped meanwhile (room joins and leaves, sign-outs) is to be reconciled with the database.
 * Returns the function that removes it.
 */
export function onRedisRestored(listener: () => void): () => void {
  restoredListeners.add(listener);
  return () => restoredListeners.delete(listener);
}

/** The shared Redis connection when REDIS_URL is set; null on a single machine. */
export async function connectRedis(): Promise<Redis | null> {
  if (!env.redisUrl || client) return client;
  const redis = makeClient(env.redisUrl);
  let wasDown = false;
  redis.on("error", (error: Error) => {
    if (!wasDown) logger.error({ err: error }, "redis connection lost");
    wasDown = true;
  });
  redis.on("ready", () => {
    if (!wasDown) return;
    wasDown = false;
    logger.info("redis connection restored");
    for (const listener of restoredListeners) listener();
  });
  await redis.connect();
  client = redis;
  shareRedis(redis);
  return client;
}

/**
 * The Socket.IO adapter's publishing connection (lib/server/realtime/streams-adapter.ts): with
 * `disableOfflineQueue` its commands fail at once while Redis is away. The adapter's reader and
 * subscriber are duplicates of it, which must keep the queue: its read loop retries a failed
 * read at once and would spin. So its `duplicate()` gives the shared client's duplicates.
 */
export async function connectPublisher(redis: Redis): Promise<Redis> {
  if (publisher) return publisher;
  const own = redis.duplicate({ disableOfflineQueue: true });
  // Losing and regaining the connection is logged for the shared client; an unheard `error` would throw.
  own.on("error", () => {});
  own.duplicate = ((overrides) => redis.duplicate(overrides)) as Redis["duplicate"];
  await own.connect();
  publisher = own;
  return own;
}

export function redisClient(): Redis | null {
  return client;
}

export async function closeRedis(): Promise<void> {
  const redis = client;
  const own = publisher;
  client = null;
  publisher = null;
  shareRedis(null);
  if (own?.isOpen) await (own.isReady ? own.close() : own.destroy());
  // close() waits for queued commands, which a Redis that is away would hold until they time out.
  if (redis?.isOpen) await (redis.isReady ? redis.close() : redis.destroy());
}
