import assert from "node:assert/strict";
import { signIn } from "./sign-in";

export interface Attempt {
  signedIn: boolean;
  /** NextAuth's `error` (what signIn() gives the form), when refused. */
  error: string | null;
}

/** One sign-in through NextAuth's form flow, optionally as if behind a proxy. */
export async function attempt(url: string, username: string, password: string, forwardedFor?: string): Promise<Attempt> {
  // Also claims the header through which the server passes the address on (it must overwrite it).
  const extra: Record<string, string> = forwardedFor ? { "x-forwarded-for": forwardedFor, "x-chat-client-address": forwardedFor } : {};
  const result = await signIn(url, { username, password }, extra);
  return { signedIn: result.cookie !== null, error: result.error };
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
