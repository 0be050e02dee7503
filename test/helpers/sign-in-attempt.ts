import assert from "node:assert/strict";

export interface Attempt {
  signedIn: boolean;
  /** NextAuth's `error` (what signIn() gives the form), when refused. */
  error: string | null;
}

/** One sign-in through NextAuth's real credentials endpoint, optionally as if behind a proxy. */
export async function attempt(url: string, username: string, password: string, forwardedFor?: string): Promise<Attempt> {
  // Also claims the header through which the server passes the address on (it must overwrite it).
  const extra: Record<string, string> = forwardedFor ? { "x-forwarded-for": forwardedFor, "x-chat-client-address": forwardedFor } : {};
  const csrf = await fetch(`${url}/api/auth/csrf`, { headers: extra });
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { ...extra, "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
    redirect: "manual",
  });
  const signedIn = response.headers.getSetCookie().some((c) => c.includes("next-auth.session-token="));
  const { url: target } = (await response.json()) as { url: string };
  return { signedIn, error: new URL(target).searchParams.get("error") };
}

export const THROTTLED = /^Too many attempts, try again in (\d+) s$/;

/** Asserts the attempt was refused by the throttle; returns the seconds it says to wait. */
export function assertThrottled(result: Attempt, what = "a throttling message"): number {
  assert.equal(result.signedIn, false, `expected ${what}, but it signed in`);
  const match = THROTTLED.exec(result.error ?? "");
  assert.ok(match, `expected ${what}, got ${result.error}`);
  return Number(match[1]);
}

/** Tries until the throttle lets the attempt be checked; fails after `ms`. */
export async function untilNotThrottled(run: () => Promise<Attempt>, ms = 15_000): Promise<Attempt> {
  const deadline = Date.now() + ms;
  for (;;) {
    const result = await run();
    if (!THROTTLED.test(result.error ?? "")) return result;
    if (Date.now() > deadline) throw new Error("still throttled at the deadline");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
