import type { IncomingMessage } from "node:http";
import { parse as parseCookies } from "cookie";
import { getToken } from "next-auth/jwt";
import { isSessionEnded } from "@/lib/server/auth/ended-sessions";
import type { SessionUser } from "@/lib/server/users/session-users";
import { env, sessionSecret } from "@/lib/server/env";
import type { ErrorCode } from "@/lib/shared/errors";
import { logger } from "@/lib/server/ops/logger";
import { rejectedConnections } from "@/lib/server/ops/metrics";
import { originAllowed } from "@/lib/server/realtime/handshake-origin";
import { membershipsAdded } from "@/lib/server/realtime/membership";
import { loadSessionUser } from "@/lib/server/realtime/session-loader";
import { decodeSessionToken } from "@/lib/server/auth/session-codec";
import type { ChatSocket } from "@/lib/server/realtime/types";

function refusal(code: ErrorCode, message: string): Error {
  // The client sees `code` as connect_error's message and the explanation in its `data`.
  return Object.assign(new Error(code), { data: { code, message } });
}

/** The user behind the NextAuth session cookie of a handshake, their rooms, and the session's id, or null. */
export async function sessionFromRequest(request: IncomingMessage): Promise<(SessionUser & { sessionId: string | null }) | null> {
  // getToken reads parsed cookies only; handed the raw header it silently finds nothing. It joins
  // chunked cookies and hands the token to our codec, the pages' own (lib/auth.ts).
  const cookies = parseCookies(request.headers.cookie ?? "");
  const token = await getToken({
    req: { headers: request.headers, cookies } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: sessionSecret(),
    secureCookie: env.secureCookies,
    decode: decodeSessionToken,
  });
  if (!token || typeof token.uid !== "number") return null;
  // A deleted or disabled account's cookie opens nothing, nor one from before a password reset.
  const sessionId = typeof token.sid === "string" ? token.sid : null;
  // A session that signed out on any node is over here too (lib/server/auth/ended-sessions.ts).
  const [found, ended] = await Promise.all([loadSessionUser(token.uid), sessionId !== null && isSessionEnded({ sessionId })]);
  const sessionVersion = typeof token.sv === "number" ? token.sv : 0;
  if (!found || ended || found.sessionVersion !== sessionVersion) return null;
  return { ...found, sessionId };
}

/**
 * The rooms read with the user, for subscribeSocket (one read per handshake, not two), and how
 * many memberships this process had added when that read began.
 */
export const handshakeReads = new WeakMap<ChatSocket, { rooms: Record<string, number>; membershipsAdded: number }>();

/**
 * Socket.IO middleware. A browser sends cookies with a WebSocket from any site, so a foreign
 * Origin is refused before the session is even looked at.
 */
export async function authenticate(socket: ChatSocket, next: (error?: Error) => void): Promise<void> {
  const origin = socket.handshake.headers.origin;
  if (!originAllowed(origin, env.allowedOrigins)) {
    logger.info({ origin, reason: "origin" }, "socket refused");
    rejectedConnections.inc({ reason: "origin" });
    return next(refusal("forbidden", "this origin may not open a socket"));
  }
  try {
    const before = membershipsAdded();
    const session = await sessionFromRequest(socket.request);
    if (!session) {
      logger.debug({ reason: "session" }, "socket refused");
      rejectedConnections.inc({ reason: "session" });
      return next(refusal("unauthorized", "sign in first"));
    }
    socket.data.user = session.user;
    socket.data.sessionId = session.sessionId;
    handshakeReads.set(socket, { rooms: session.rooms, membershipsAdded: before });
    socket.data.sessionVersion = session.sessionVersion;
    socket.data.membershipVersion = session.membershipVersion;
    next();
  } catch (error) {
    logger.error({ err: error }, "socket authentication failed");
    rejectedConnections.inc({ reason: "unavailable" });
    next(refusal("unavailable", "could not check the session, try again"));
  }
}
