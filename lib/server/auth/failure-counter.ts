import { SharedLimiter } from "@/lib/server/auth/shared-limiter";

const BASE_LOCK_MS = 15_000;
// A blocked key holds points + 1 in rate-limiter-flexible: with one point, "locked" is "more than 1".
const LOCK_POINTS = 1;

/**
 * How long the `failures`-th failure in a window locks its key: nothing below `threshold`, then
 * 15 s doubling with each further failure, never more than `maxLockMs` (a lockout always ends).
 */
export function lockoutMs(failures: number, threshold: number, maxLockMs: number): number {
  const excess = failures - threshold;
  if (excess < 0) return 0;
  const base = Math.min(BASE_LOCK_MS, maxLockMs);
  return Math.min(maxLockMs, base * 2 ** Math.min(excess, 20));
}

/**
 * Failed sign-ins per key (a username, an address...), in a window that ends after `windowMs`
 * without failures, shared by every node through Redis when there is one (lib/server/auth/shared-limiter.ts).
 * Attempts refused while locked are not counted, so hammering a locked key does not extend its lockout.
 */
export class FailureCounter {
  private readonly failures: SharedLimiter;
  private readonly locks: SharedLimiter;

  constructor(
    name: string,
    private readonly threshold: number,
    windowMs: number,
    private readonly maxLockMs: number,
  ) {
    this.failures = new SharedLimiter({ name: `${name}-failures`, points: threshold, durationS: Math.ceil(windowMs / 1000), slidingWindow: true });
    this.locks = new SharedLimiter({ name: `${name}-lock`, points: LOCK_POINTS, durationS: Math.ceil(maxLockMs / 1000) });
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  async lockedFor(key: string): Promise<number> {
    const lock = await this.locks.limiter.get(key);
    return lock && lock.consumedPoints > LOCK_POINTS ? Math.max(0, lock.msBeforeNext) : 0;
  }

  async fail(key: string): Promise<void> {
    const counted = await this.failures.limiter.penalty(key);
    const lockMs = lockoutMs(counted.consumedPoints, this.threshold, this.maxLockMs);
    // Whole seconds (the store's unit), at least one.
    if (lockMs > 0) await this.locks.limiter.block(key, Math.max(1, Math.ceil(lockMs / 1000)));
  }

  async clear(key: string): Promise<void> {
    await Promise.all([this.failures.limiter.delete(key), this.locks.limiter.delete(key)]);
  }
}
