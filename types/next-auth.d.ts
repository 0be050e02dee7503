import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    username: string;
  }
  interface Session {
    user: { id: number; username: string; name: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: number;
    username: string;
    sid: string;
    /** The user's `sessionVersion` at sign-in (lib/server/users/session-users.ts). */
    sv: number;
  }
}
