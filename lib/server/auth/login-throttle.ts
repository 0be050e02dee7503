import { RateLimiterRes } from "rate-limiter-flexible";
import { isKnownSignInAddress, rememberSignInAddress } from "@/lib/server/auth/known-addresses";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/shared/errors";
import { FailureCounter } from "@/lib/server/auth/failure-counter";
import { SharedLimiter } from "@/lib/server/auth/shared-limiter";
import { logger } from "@/lib/server/ops/logger";

// Sign-in throttling (docs/security-abuse.md). `address` is an address group (lib/server/auth/address-group.ts).
// Three counters of failures in a window that ends after 15 quiet minutes:
// - per username and address: LOGIN_FAILURES_PER_USER, always applies;
// - per username, from any address: the same budget, against guessing from many addresses, but
//   it does not apply to an address this user signed in from before (within 30 days, kept in the
//   database), so an attacker cannot lock the owner out of their own devices;
// - per address, for all usernames: LOGIN_FAILURES_PER_ADDRESS, against spraying many accounts.
// Each lockout is bounded (LOGIN_LOCKOUT_MAX_MS). And every attempt that gets checked, right or
// wrong, takes one of the address's LOGIN_ATTEMPTS_PER_MINUTE (each costs a password hash).
// With REDIS_URL the counts are shared by all nodes; this process's memory while Redis is away.

const WINDOW_MS = 15 * 60_000;

const byPair = new FailureCounter("pair", env.loginFailuresPerUser, WINDOW_MS, env.loginLockoutMaxMs);
const byUser = new FailureCounter("user", env.loginFailuresPerUser, WINDOW_MS, env.loginLockoutMaxMs);
const byAddress = new FailureCounter("address", env.loginFailuresPerAddress, WINDOW_MS, env.loginLockoutMaxMs);
const attempts = new SharedLimiter({ name: "attempts", points: env.loginAttemptsPerMinute, durationS: 60 });

const pairOf = (username: string, address: string) => `${username}\n${address}`;

/** Throws `rate_limited` when this attempt may not even be checked; otherwise it is counted. */
export async function assertMayTryLogin(username: string, address: string): Promise<void> {
  const [addressWait, pairWait, userWait] = await Promise.all([
    byAddress.lockedFor(address),
    byPair.lockedFor(pairOf(username, address)),
    byUser.lockedFor(username),
  ]);
  let wait = Math.max(addressWait, pairWait);
  // The database is asked only when the username is locked: the usual sign-in costs no query.
  if (userWait > wait && !(await isKnownSignInAddress({ username, address }))) wait = userWait;
  if (wait === 0) wait = await takeAttempt(address);
  if (wait > 0) throw new AppError("rate_limited", `Too many attempts, try again in ${Math.ceil(wait / 1000)} s`);
}

/** Milliseconds to wait when the address has used its attempts of this minute; 0 after taking one. */
async function takeAttempt(address: string): Promise<number> {
  try {
    await attempts.limiter.consume(address);
    return 0;
  } catch (refusal) {
    // A refusal is a RateLimiterRes; an Error means even the memory fallback failed.
    if (refusal instanceof RateLimiterRes) return Math.max(1, refusal.msBeforeNext);
    throw refusal;
  }
}

export async function recordLoginFailure(username: string, address: string): Promise<void> {
  await Promise.all([byAddress.fail(address), byPair.fail(pairOf(username, address)), byUser.fail(username)]);
}

/** The address becomes known for the user; its own failures are forgotten (not the user's others). */
export async function recordLoginSuccess(user: { id: number; username: string }, address: string): Promise<void> {
  await byPair.clear(pairOf(user.username, address));
  // The sign-in stands without it: the exemption is a convenience, not what lets the user in.
  await rememberSignInAddress({ userId: user.id, address }).catch((error: unknown) =>
    logger.warn({ err: error }, "could not record the sign-in address"),
  );
}
