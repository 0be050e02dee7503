import { listSessionVersions } from "@/lib/data/session-versions";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { ChatServer, ChatSocket } from "@/lib/socket/types";

// Accounts are changed by another process (scripts/admin.ts), possibly while several nodes
// run. Each node checks the users of its own sockets every SESSION_CHECK_INTERVAL_MS, in one
// batched query, and closes the sockets whose session no longer counts. No Redis needed: every
// node learns it from the database. A revoked socket is closed within the interval plus one query.

/** The sockets of this node whose session is no longer current, given the users' current versions. */
function revokedSockets(sockets: Iterable<ChatSocket>, versions: Map<number, number>): ChatSocket[] {
  return [...sockets].filter((socket) => versions.get(socket.data.user.id) !== socket.data.sessionVersion);
}

/** Tells the client its session ended (so it signs out instead of reconnecting), then closes the socket. */
function endSocket(socket: ChatSocket): void {
  socket.emit("session:ended", { reason: "revoked" });
  socket.disconnect(true);
}

async function checkSessions(io: ChatServer): Promise<void> {
  const sockets = [...io.of("/").sockets.values()].filter((socket) => socket.data.user);
  if (sockets.length === 0) return;
  const userIds = [...new Set(sockets.map((socket) => socket.data.user.id))];
  const revoked = revokedSockets(sockets, await listSessionVersions({ userIds }));
  for (const socket of revoked) endSocket(socket);
  if (revoked.length > 0) logger.info({ sockets: revoked.length }, "closed sockets of revoked sessions");
}

/** Starts the periodic check; returns the function that stops it. */
export function startSessionRevocation(io: ChatServer): () => void {
  let running = false;
  const timer = setInterval(() => {
    // A slow database must not pile up checks.
    if (running) return;
    running = true;
    checkSessions(io)
      .catch((error: unknown) => logger.warn({ err: error }, "session check failed"))
      .finally(() => (running = false));
  }, env.sessionCheckIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
