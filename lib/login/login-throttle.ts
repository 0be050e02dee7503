import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { FailureCounter } from "@/lib/login/failure-counter";

// Sign-in throttling (docs/security-abuse.md). Three counters of failures in a 15-minute window:
// - per username and address: LOGIN_FAILURES_PER_USER, always applies;
// - per username, from any address: the same budget, against guessing from many addresses, but
//   it does not apply to an address this user signed in from before (within 30 days), so an
//   attacker cannot lock the owner out of their own devices;
// - per address, for all usernames: LOGIN_FAILURES_PER_ADDRESS, against spraying many accounts.
// Each lockout is bounded (LOGIN_LOCKOUT_MAX_MS). Kept in this process's memory.

const WINDOW_MS = 15 * 60_000;
const KNOWN_FOR_MS = 30 * 24 * 60 * 60_000;
const MAX_KNOWN = 100_000;

const byPair = new FailureCounter(env.loginFailuresPerUser, WINDOW_MS, env.loginLockoutMaxMs);
const byUser = new FailureCounter(env.loginFailuresPerUser, WINDOW_MS, env.loginLockoutMaxMs);
const byAddress = new FailureCounter(env.loginFailuresPerAddress, WINDOW_MS, env.loginLockoutMaxMs);
const known = new Map<string, number>();

const pairOf = (username: string, address: string) => `${username}\n${address}`;

function isKnown(pair: string, now: number): boolean {
  const until = known.get(pair);
  return until !== undefined && until > now;
}

/** Throws `rate_limited` when this attempt may not even be checked. */
export function assertMayTryLogin(username: string, address: string, now = Date.now()): void {
  const pair = pairOf(username, address);
  const wait = Math.max(
    byAddress.lockedFor(address, now),
    byPair.lockedFor(pair, now),
    isKnown(pair, now) ? 0 : byUser.lockedFor(username, now),
  );
  if (wait > 0) throw new AppError("rate_limited", `Too many attempts, try again in ${Math.ceil(wait / 1000)} s`);
}

export function recordLoginFailure(username: string, address: string, now = Date.now()): void {
  byAddress.fail(address, now);
  byPair.fail(pairOf(username, address), now);
  byUser.fail(username, now);
}

/** The address becomes known for the user; its own failures are forgotten (not the user's others). */
export function recordLoginSuccess(username: string, address: string, now = Date.now()): void {
  const pair = pairOf(username, address);
  byPair.clear(pair);
  if (known.size >= MAX_KNOWN) known.clear();
  known.set(pair, now + KNOWN_FOR_MS);
}
