import { logger } from "@/lib/server/ops/logger";
import { memoryPresence, type PresenceStore } from "@/lib/server/presence/presence-store";

// The Redis presence store, with this node's own sockets also counted in memory. While Redis is
// away (or a call to it fails) presence answers from memory: this node's users, nobody else's.
// No call waits for Redis to return. Once it is back, the refresh loop writes this node's
// sockets to it again, and entries of sockets that left meanwhile expire and are swept.

export function fallbackPresence(shared: PresenceStore, isUp: () => boolean): PresenceStore {
  const local = memoryPresence();
  let warned = false;
  async function either<T>(remote: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    if (isUp()) {
      try {
        const result = await remote();
        warned = false;
        return result;
      } catch (error) {
        if (!warned) logger.warn({ err: error }, "presence falls back to this node's sockets");
        warned = true;
      }
    }
    return fallback();
  }
  return {
    async add(userId, socketId) {
      const cameOnline = await local.add(userId, socketId);
      return either(() => shared.add(userId, socketId), async () => cameOnline);
    },
    async remove(userId, socketId) {
      const wentOffline = await local.remove(userId, socketId);
      return either(() => shared.remove(userId, socketId), async () => wentOffline);
    },
    refresh: (entries) => either(() => shared.refresh(entries), async () => {}),
    sweep: () => either(() => shared.sweep(), async () => []),
    isOnline: (userId) => either(() => shared.isOnline(userId), () => local.isOnline(userId)),
    onlineUserIds: () => either(() => shared.onlineUserIds(), () => local.onlineUserIds()),
  };
}
