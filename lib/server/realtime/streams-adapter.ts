import { createAdapter } from "@socket.io/redis-streams-adapter";
import type { Redis } from "@/lib/server/db/redis";

// Socket.IO's cluster adapter delivers a broadcast to this node's sockets only after publishing
// it to Redis has succeeded or failed. The Redis client queues commands while it is disconnected,
// so during an outage every broadcast (and every join) would wait for Redis to return. Failing
// the publish at once instead keeps each node serving its own clients; the other nodes' clients
// see the gap in `seq` once Redis is back and fetch what they missed (room:join with `since`).

interface Publishing {
  doPublish(message: unknown): Promise<unknown>;
  doPublishResponse(requester: unknown, response: unknown): Promise<unknown>;
}

const away = () => Promise.reject(new Error("redis is unavailable"));

export function streamsAdapter(redis: Redis, options: { streamName: string; maxLen: number }): ReturnType<typeof createAdapter> {
  const make = createAdapter(redis, options);
  // Socket.IO calls this with `new`: a function (not an arrow) whose returned object wins.
  return function (nsp: unknown) {
    const adapter = make(nsp);
    const publishing = adapter as unknown as Publishing;
    const publish = publishing.doPublish.bind(adapter);
    const respond = publishing.doPublishResponse.bind(adapter);
    publishing.doPublish = (message) => (redis.isReady ? publish(message) : away());
    publishing.doPublishResponse = (requester, response) => (redis.isReady ? respond(requester, response) : away());
    return adapter;
  };
}
