import { randomUUID } from "node:crypto";
import NextAuth, { getServerSession, type NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { CLIENT_ADDRESS_HEADER } from "@/lib/server/ops/client-address";
import { isSessionEnded } from "@/lib/server/auth/ended-sessions";
import { decodeSessionToken, encodeSessionToken, SESSION_MAX_AGE_S } from "@/lib/server/auth/session-codec";
import { findSessionUser, findSessionVersion } from "@/lib/server/users/session-users";
import { env, sessionSecret } from "@/lib/server/env";
import { loginSchema } from "@/lib/shared/login-schema";
import { authorizeLogin } from "@/lib/server/auth/authorize-login";
import type { Author } from "@/lib/shared/protocol";
import type { JWT } from "next-auth/jwt";
import { endSession } from "@/lib/server/auth/session-events";

// The only NextAuth configuration. Sessions are JWTs in an HttpOnly cookie, in our own format
// (lib/server/auth/session-codec.ts); the socket handshake decodes the same cookie with the same codec
// (lib/server/realtime/authenticate.ts).
export const authOptions: NextAuthOptions = {
  secret: sessionSecret(),
  useSecureCookies: env.secureCookies,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "password",
      credentials: {
        username: { label: "Username", type: "text" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const parsed = loginSchema.safeParse(credentials);
        if (!parsed.success) return null;
        return authorizeLogin(parsed.data, clientAddressOf(req.headers));
      },
    }),
  ],
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === "string") await endSession(token.sid);
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.username = user.username;
        token.name = user.name;
        // Names this browser session, so signing out can close exactly its sockets.
        token.sid = randomUUID();
        token.sv = await sessionVersionAtSignIn(token.uid);
      } else {
        await assertSessionCurrent(token);
      }
      return token;
    },
    session({ session, token }) {
      session.user = { id: token.uid, username: token.username, name: token.name ?? token.username };
      return session;
    },
  },
};

/** The user's session version, copied into the token: bumping it in the database ends the session. */
async function sessionVersionAtSignIn(userId: number): Promise<number> {
  const version = await findSessionVersion({ userId });
  if (version === null) throw new Error("the account was disabled while signing in");
  return version;
}

/**
 * Throws for a token whose user was deleted, disabled or had their password reset since it was
 * issued: NextAuth then clears the session cookie and the page sees no session.
 */
async function assertSessionCurrent(token: JWT): Promise<void> {
  // Database trouble is not a revocation: the page's own queries fail instead of signing the user out.
  const [user, ended] = await Promise.all([
    findSessionUser({ userId: token.uid, sessionVersion: token.sv }).catch(() => undefined),
    // A copy of a cookie that signed out opens no page either (lib/server/auth/ended-sessions.ts).
    isSessionEnded({ sessionId: token.sid }).catch(() => false),
  ]);
  if (user === null || ended) throw new Error("the session was revoked");
}

export const authHandler = NextAuth(authOptions);

/** Stamped by server.ts from the connection (lib/server/ops/client-address.ts). */
function clientAddressOf(headers: Record<string, unknown> | undefined): string {
  const address = headers?.[CLIENT_ADDRESS_HEADER];
  return typeof address === "string" ? address : "unknown";
}

/** The signed-in user of the current request, or null. For server components. */
export async function currentUser(): Promise<Author | null> {
  const session = await getServerSession(authOptions);
  return session?.user ?? null;
}
