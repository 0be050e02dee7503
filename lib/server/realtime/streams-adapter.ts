import { createAdapter } from "@socket.io/redis-streams-adapter";
import type { Redis } from "@/lib/server/db/redis";

// Socket.IO's cluster adapter delivers a broadcast to this node's sockets only after publishing
// it to Redis has succeeded or failed. A Redis client queues commands while it is disconnected,
// so during an outage every broadcast (and every join) would wait for Redis to return. The
// adapter publishes through a client of its own with node-redis's `disableOfflineQueue`, which
// fails those commands at once: each node keeps serving its own clients, and the other nodes'
// clients see the gap in `seq` once Redis is back and fetch what they missed (room:join `since`).
//
// The adapter reads the stream and subscribes through duplicates of the client it is given.
// Those must keep the queue: its read loop retries a failed read at once, so with reads failing
// at once it would spin and never let the connection come back. So the publisher's duplicates
// are the shared client's (queue on): see `connectPublisher` in lib/server/db/redis.ts.

export function streamsAdapter(publisher: Redis, options: { streamName: string; maxLen: number }): ReturnType<typeof createAdapter> {
  return createAdapter(publisher, options);
}
