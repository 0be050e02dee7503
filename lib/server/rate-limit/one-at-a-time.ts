import { AppError } from "@/lib/shared/errors";

// Some requests cost the database far more than others (a search for a common word over a large
// PostgreSQL history takes seconds: docs/benchmarks.md, "Search"). The event rate limits count
// requests, not their cost; this runs one user's such requests on a node one after another, so
// each user holds at most one of them in the database, and refuses more than a few at once.

interface Lane {
  tail: Promise<unknown>;
  /** Admitted and not finished: the running one and those waiting behind it. */
  inFlight: number;
}

/**
 * Runs `work` for `key` after the key's earlier work has finished. With `maxInFlight` of the key's
 * requests already admitted and unfinished, answers `rate_limited` (with `retryAfterMs`) instead.
 */
export function oneAtATime(what: string, options: { maxInFlight: number; retryAfterMs: number }): <T>(key: number, work: () => Promise<T>) => Promise<T> {
  const lanes = new Map<number, Lane>();
  return async (key, work) => {
    const lane = lanes.get(key) ?? { tail: Promise.resolve(), inFlight: 0 };
    if (lane.inFlight >= options.maxInFlight) {
      throw new AppError("rate_limited", `too many ${what}es of yours at once, try again when they answer`, { retryAfterMs: options.retryAfterMs });
    }
    lane.inFlight++;
    lanes.set(key, lane);
    const result = lane.tail.then(work);
    lane.tail = result.catch(() => undefined);
    try {
      return await result;
    } finally {
      if (--lane.inFlight === 0) lanes.delete(key);
    }
  };
}
