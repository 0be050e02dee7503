/**
 * Delay before retry number `attempt` (0-based): doubling from `baseMs` up to `maxMs`, with jitter
 * so that every tab of a restarted server does not come back in the same millisecond.
 */
export function backoffDelay(attempt: number, { baseMs = 1000, maxMs = 30_000, random = Math.random } = {}): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
