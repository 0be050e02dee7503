import { randomUUID } from "node:crypto";
import NextAuth, { getServerSession, type NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "@/lib/data/users";
import { env, sessionSecret } from "@/lib/env";
import { loginSchema } from "@/lib/login-schema";
import type { Author } from "@/lib/protocol";
import { endSession } from "@/lib/session-events";

// The only NextAuth configuration. Sessions are JWTs in an HttpOnly cookie; the socket
// handshake reads the same cookie (lib/socket/authenticate.ts).
export const authOptions: NextAuthOptions = {
  secret: sessionSecret(),
  useSecureCookies: env.secureCookies,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "password",
      credentials: {
        username: { label: "Username", type: "text" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials) {
        const parsed = loginSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const user = await verifyCredentials(parsed.data);
        return user && { id: String(user.id), username: user.username, name: user.name };
      },
    }),
  ],
  events: {
    signOut({ token }) {
      if (typeof token?.sid === "string") endSession(token.sid);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.username = user.username;
        token.name = user.name;
        // Names this browser session, so signing out can close exactly its sockets.
        token.sid = randomUUID();
      }
      return token;
    },
    session({ session, token }) {
      session.user = { id: token.uid, username: token.username, name: token.name ?? token.username };
      return session;
    },
  },
};

export const authHandler = NextAuth(authOptions);

/** The signed-in user of the current request, or null. For server components. */
export async function currentUser(): Promise<Author | null> {
  const session = await getServerSession(authOptions);
  return session?.user ?? null;
}
