interface Entry {
  failures: number;
  lastFailure: number;
  lockedUntil: number;
}

/**
 * Failed sign-ins per key (a username, an address...). From the `threshold`-th failure within a
 * quiet `windowMs`, each failure locks the key for longer (doubling from a base) but never more
 * than `maxLockMs`: a lockout always ends. Attempts refused while locked are not counted, so
 * hammering a locked key does not extend its lockout.
 */
export class FailureCounter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly threshold: number,
    private readonly windowMs: number,
    private readonly maxLockMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  lockedFor(key: string, now: number): number {
    const entry = this.entries.get(key);
    return entry ? Math.max(0, entry.lockedUntil - now) : 0;
  }

  fail(key: string, now: number): void {
    let entry = this.entries.get(key);
    if (!entry || now - entry.lastFailure > this.windowMs) {
      if (this.entries.size >= this.maxEntries) this.prune(now);
      entry = { failures: 0, lastFailure: now, lockedUntil: 0 };
      this.entries.set(key, entry);
    }
    entry.failures += 1;
    entry.lastFailure = now;
    const excess = entry.failures - this.threshold;
    if (excess >= 0) {
      const base = Math.min(15_000, this.maxLockMs);
      entry.lockedUntil = now + Math.min(this.maxLockMs, base * 2 ** Math.min(excess, 20));
    }
  }

  clear(key: string): void {
    this.entries.delete(key);
  }

  /** Drops entries past their window; if an attack filled the map with live ones, the oldest half. */
  private prune(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.lastFailure > this.windowMs && entry.lockedUntil <= now) this.entries.delete(key);
    }
    if (this.entries.size < this.maxEntries) return;
    let drop = this.entries.size / 2;
    for (const key of this.entries.keys()) {
      if (drop-- <= 0) break;
      this.entries.delete(key);
    }
  }
}
