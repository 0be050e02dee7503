import type { Ack } from "@/lib/shared/protocol";

type Answer = Ack<object>;

/** The wait a `rate_limited` answer asks for, or null for any other answer. */
export function retryAfter(res: Answer): number | null {
  if (res.ok || res.error.code !== "rate_limited") return null;
  if (typeof res.error.retryAfterMs !== "number") throw new Error("rate_limited without retryAfterMs");
  return res.error.retryAfterMs;
}

/**
 * Repeats `attempt` until it is not rate limited, waiting each time as long as the server said
 * (the polling a well-behaved client does); fails after `ms`.
 */
export async function untilAllowed<T extends Answer>(attempt: () => Promise<T>, ms = 15_000): Promise<{ res: T; waits: number }> {
  const deadline = Date.now() + ms;
  for (let waits = 0; ; waits++) {
    const res = await attempt();
    const wait = retryAfter(res);
    if (wait === null) return { res, waits };
    if (Date.now() + wait > deadline) throw new Error("still rate limited at the deadline");
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
