/**
 * Token buckets in this process, several per key (one per event), kept in one flat array per key:
 * taking a token allocates nothing, which matters on the path of every client event.
 * Slot `2i` holds the tokens of bucket `i`, slot `2i + 1` when they were counted.
 */
export class MemoryBuckets {
  private readonly keys = new Map<number, Float64Array>();

  constructor(
    /** Tokens per millisecond, per bucket index. */
    private readonly ratePerMs: readonly number[],
    private readonly burst: readonly number[],
  ) {}

  /** Takes a token from bucket `index` of `key`: 0 when there was one, else the ms until there is. */
  take(key: number, index: number, now: number): number {
    let slots = this.keys.get(key);
    if (!slots) {
      slots = this.fresh(now);
      this.keys.set(key, slots);
    }
    const rate = this.ratePerMs[index]!;
    const burst = this.burst[index]!;
    const tokens = Math.min(burst, slots[2 * index]! + (now - slots[2 * index + 1]!) * rate);
    if (tokens >= 1) {
      slots[2 * index] = tokens - 1;
      slots[2 * index + 1] = now;
      return 0;
    }
    return Math.ceil((1 - tokens) / rate);
  }

  /** Forgets keys whose buckets are all full again, as if never used; returns how many remain. */
  sweep(now: number): number {
    for (const [key, slots] of this.keys) {
      let full = true;
      for (let i = 0; full && i < this.burst.length; i++) {
        full = slots[2 * i]! + (now - slots[2 * i + 1]!) * this.ratePerMs[i]! >= this.burst[i]!;
      }
      if (full) this.keys.delete(key);
    }
    return this.keys.size;
  }

  private fresh(now: number): Float64Array {
    const slots = new Float64Array(2 * this.burst.length);
    for (let i = 0; i < this.burst.length; i++) {
      slots[2 * i] = this.burst[i]!;
      slots[2 * i + 1] = now;
    }
    return slots;
  }
}
