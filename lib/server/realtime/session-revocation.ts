import { listEndedSessions, pruneEndedSessions } from "@/lib/server/auth/ended-sessions";
import { listSessionVersions, type UserVersions } from "@/lib/server/users/session-users";
import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/ops/logger";
import { onRedisRestored } from "@/lib/server/db/redis";
import { reconcileRooms } from "@/lib/server/realtime/room-reconciliation";
import type { ChatServer, ChatSocket } from "@/lib/server/realtime/types";

// Accounts are changed by another process (scripts/admin.ts), sessions end and memberships change
// on other nodes, and the adapter's messages about them are lost while Redis is away. Each node
// checks its own sockets against the database every SESSION_CHECK_INTERVAL_MS, and at once when
// Redis returns: the users' versions in one batched query, the sockets' sessions in one more. It
// closes the sockets whose session no longer counts and reconciles the room channels of users
// whose memberships changed (room-reconciliation.ts). No Redis needed: every node learns it from
// the database. A revoked socket is closed within the interval plus a few queries.

const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/** The sockets of this node whose session is no longer current, given the users' versions and the ended sessions. */
function revokedSockets(sockets: ChatSocket[], versions: Map<number, UserVersions>, ended: Set<string>): ChatSocket[] {
  return sockets.filter((socket) => versions.get(socket.data.user.id)?.session !== socket.data.sessionVersion || ended.has(socket.data.sessionId ?? ""));
}

/** Tells the client its session ended (so it signs out instead of reconnecting), then closes the socket. */
function endSocket(socket: ChatSocket): void {
  socket.emit("session:ended", { reason: "revoked" });
  socket.disconnect(true);
}

async function checkSessions(io: ChatServer, everyRoom: boolean): Promise<void> {
  const sockets = [...io.of("/").sockets.values()].filter((socket) => socket.data.user);
  if (sockets.length === 0) return;
  const userIds = [...new Set(sockets.map((socket) => socket.data.user.id))];
  const sessionIds = [...new Set(sockets.flatMap((socket) => (socket.data.sessionId ? [socket.data.sessionId] : [])))];
  const [versions, ended] = await Promise.all([listSessionVersions({ userIds }), listEndedSessions({ sessionIds })]);
  const revoked = revokedSockets(sockets, versions, ended);
  for (const socket of revoked) endSocket(socket);
  if (revoked.length > 0) logger.info({ sockets: revoked.length }, "closed sockets of revoked sessions");
  const changed = await reconcileRooms(sockets.filter((socket) => socket.connected), versions, everyRoom);
  if (changed > 0) logger.info({ channels: changed }, "reconciled room channels with the database");
}

/** Starts the periodic check (and the one when Redis returns); returns the function that stops it. */
export function startSessionRevocation(io: ChatServer): () => void {
  let running = false;
  let again: boolean | null = null;
  let pruned = 0;
  const check = (everyRoom: boolean) => {
    // A slow database must not pile up checks; one asked for meanwhile runs next.
    if (running) return void (again = (again ?? false) || everyRoom);
    running = true;
    if (Date.now() - pruned > PRUNE_INTERVAL_MS) {
      pruned = Date.now();
      pruneEndedSessions().catch((error: unknown) => logger.warn({ err: error }, "pruning ended sessions failed"));
    }
    checkSessions(io, everyRoom)
      .catch((error: unknown) => logger.warn({ err: error }, "session check failed"))
      .finally(() => {
        running = false;
        const next = again;
        again = null;
        if (next !== null) check(next);
      });
  };
  const timer = setInterval(() => check(false), env.sessionCheckIntervalMs);
  timer.unref();
  // Whatever the adapter dropped while Redis was away is put right at once, not at the next tick.
  const stopListening = onRedisRestored(() => check(true));
  return () => {
    clearInterval(timer);
    stopListening();
  };
}
