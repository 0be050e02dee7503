"use client";

import { signIn, signOut as nextAuthSignOut } from "next-auth/react";

// Sign-in and sign-out through NextAuth's own browser client (the only module of the browser code
// that imports next-auth/react; ESLint refuses it elsewhere).

/** `error` is NextAuth's: "CredentialsSignin" for wrong credentials, or the sentence `authorize` threw. */
export type SignInResult = { ok: true } | { ok: false; error: string | undefined };

/** Checks the credentials; on success the session cookie is set and the caller navigates. */
export async function signInWithPassword(username: string, password: string): Promise<SignInResult> {
  const result = await signIn("credentials", { redirect: false, username, password });
  if (result?.ok && !result.error) return { ok: true };
  return { ok: false, error: result?.error ?? undefined };
}

/** Ends the session (NextAuth clears its cookie and closes this session's sockets), then loads /login. */
export async function signOut(): Promise<void> {
  try {
    // A full load on purpose: nothing of the signed-in page (socket, stores, router cache) survives.
    await nextAuthSignOut({ callbackUrl: "/login" });
  } catch {
    // Leave the page whatever happened: /login sends a user who is still signed in back to the chat.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/login");
  }
}
