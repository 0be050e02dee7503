import { AppError } from "@/lib/shared/errors";

// Some requests cost the database far more than others (a search for a common word over a large
// PostgreSQL history takes seconds: docs/benchmarks.md, "Search"). The event rate limits count
// requests, not their cost; this bounds how many such requests one user has running on a node.

/** Runs `work` for `key` unless one for the same key is still running, which answers `rate_limited`. */
export function oneAtATime(what: string, retryAfterMs: number): <T>(key: number, work: () => Promise<T>) => Promise<T> {
  const running = new Set<number>();
  return async (key, work) => {
    if (running.has(key)) throw new AppError("rate_limited", `a ${what} of yours is still running, try again when it answers`, { retryAfterMs });
    running.add(key);
    try {
      return await work();
    } finally {
      running.delete(key);
    }
  };
}
