import { recordEndedSession } from "@/lib/server/auth/ended-sessions";
import { logger } from "@/lib/server/ops/logger";

// Signing out happens in NextAuth's route (bundled by Next), while sockets live in server.ts's
// Socket.IO server: two copies of every module, one process. globalThis is what they share.
type SessionEndListener = (sessionId: string) => void;

const shared = globalThis as typeof globalThis & { __chatSessionEnd?: SessionEndListener };

/** Registers what ending a session does (the socket server disconnects that session's sockets). */
export function onSessionEnd(listener: SessionEndListener): void {
  shared.__chatSessionEnd = listener;
}

/**
 * A browser session signed out: its open sockets, in every tab, stop working now. The database
 * holds the fact first: every node's handshake refuses the session and its sweep closes the
 * session's sockets, even if the adapter's message to the other nodes is lost (Redis away).
 */
export async function endSession(sessionId: string): Promise<void> {
  try {
    await recordEndedSession({ sessionId });
  } catch (error) {
    // The cookie is cleared all the same; this node's own sockets still close below.
    logger.error({ err: error }, "recording the ended session failed");
  }
  shared.__chatSessionEnd?.(sessionId);
}
