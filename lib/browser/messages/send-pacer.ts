// When the outbox may send next, learnt from the server's `rate_limited` answers. The limit is per
// user and event, not per message: one refusal makes every queued send wait `retryAfterMs`, then
// they go one per `1000 / ratePerSecond` ms, the rate the server stated, instead of all at once.
// Pure (the caller passes the time) so it can be unit tested.

/** The longest wait taken from one answer, so a wrong or hostile figure cannot stall the outbox for long. */
export const MAX_WAIT_MS = 60_000;

export class SendPacer {
  private nextAt = 0;
  private intervalMs = 0;
  /** A refusal's time is set and nothing was sent since. */
  private waiting = false;

  /** How long until the next send may go (0: now). */
  wait(now: number): number {
    return Math.max(0, this.nextAt - now);
  }

  /** A send goes now: the one after it waits one interval, while paced. */
  sent(now: number): void {
    this.waiting = false;
    this.nextAt = Math.max(this.nextAt, now) + this.intervalMs;
  }

  /**
   * A send was refused. Sends refused together were each promised their own later token by the
   * server: the earliest of their times starts the queue again, the interval spaces the rest.
   */
  limited(now: number, retryAfterMs: number, ratePerSecond?: number): void {
    const at = now + Math.min(Math.max(retryAfterMs, 1), MAX_WAIT_MS);
    this.nextAt = this.waiting ? Math.min(this.nextAt, at) : Math.max(this.nextAt, at);
    this.waiting = true;
    if (ratePerSecond !== undefined && ratePerSecond > 0) this.intervalMs = Math.min(1000 / ratePerSecond, MAX_WAIT_MS);
  }

  /** Nothing left to send: the next message goes at once, as if never limited. */
  reset(): void {
    this.nextAt = 0;
    this.intervalMs = 0;
    this.waiting = false;
  }
}
