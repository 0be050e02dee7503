// Signing out happens in NextAuth's route (bundled by Next), while sockets live in server.ts's
// Socket.IO server: two copies of every module, one process. globalThis is what they share.
type SessionEndListener = (sessionId: string) => void;

const shared = globalThis as typeof globalThis & { __chatSessionEnd?: SessionEndListener };

/** Registers what ending a session does (the socket server disconnects that session's sockets). */
export function onSessionEnd(listener: SessionEndListener): void {
  shared.__chatSessionEnd = listener;
}

/** A browser session signed out: its open sockets, in every tab, stop working now. */
export function endSession(sessionId: string): void {
  shared.__chatSessionEnd?.(sessionId);
}
