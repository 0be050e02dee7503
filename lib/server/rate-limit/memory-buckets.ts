/**
 * Token buckets in this process, several per key (one per event), kept in one flat array per key:
 * taking a token allocates nothing, which matters on the path of every client event.
 * Slot `3i` holds the tokens of bucket `i`, `3i + 1` when they were counted, `3i + 2` the latest
 * token promised to a refused request (its "slot", see `take`).
 */
export class MemoryBuckets {
  private readonly keys = new Map<number, Float64Array>();

  constructor(
    /** Tokens per millisecond, per bucket index. */
    private readonly ratePerMs: readonly number[],
    private readonly burst: readonly number[],
  ) {}

  /**
   * Takes a token from bucket `index` of `key`: 0 when there was one, else the ms to wait. Each
   * refusal is promised its own future token: the next refusal waits one token longer than the
   * one before, so N refused requests that retry when told are let through one per token instead
   * of waking together and N-1 being refused again.
   */
  take(key: number, index: number, now: number): number {
    let slots = this.keys.get(key);
    if (!slots) {
      slots = this.fresh(now);
      this.keys.set(key, slots);
    }
    const rate = this.ratePerMs[index]!;
    const tokens = Math.min(this.burst[index]!, slots[3 * index]! + (now - slots[3 * index + 1]!) * rate);
    // The epsilon absorbs rounding: a request retrying at its stated time finds its token.
    if (tokens >= 1 - 1e-9) {
      slots[3 * index] = Math.max(0, tokens - 1);
      slots[3 * index + 1] = now;
      return 0;
    }
    const slot = Math.max(now + (1 - tokens) / rate, slots[3 * index + 2]! + 1 / rate);
    slots[3 * index + 2] = slot;
    return Math.max(1, Math.ceil(slot - now));
  }

  /** Forgets keys whose buckets are all full again and promised nothing, as if never used; returns how many remain. */
  sweep(now: number): number {
    for (const [key, slots] of this.keys) {
      let full = true;
      for (let i = 0; full && i < this.burst.length; i++) {
        full = slots[3 * i]! + (now - slots[3 * i + 1]!) * this.ratePerMs[i]! >= this.burst[i]! && slots[3 * i + 2]! < now;
      }
      if (full) this.keys.delete(key);
    }
    return this.keys.size;
  }

  private fresh(now: number): Float64Array {
    const slots = new Float64Array(3 * this.burst.length);
    for (let i = 0; i < this.burst.length; i++) {
      slots[3 * i] = this.burst[i]!;
      slots[3 * i + 1] = now;
      slots[3 * i + 2] = -Infinity;
    }
    return slots;
  }
}
