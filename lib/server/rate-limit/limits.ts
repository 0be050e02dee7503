import type { ClientToServerEvents } from "@/lib/shared/protocol";

export type LimitedEvent = keyof ClientToServerEvents;

/** A token bucket: `perSecond` tokens flow in, at most `burst` are kept; each event takes one. */
export interface Limit {
  perSecond: number;
  burst: number;
}

// Per user, over all their sockets and nodes. Far above what a person does, even typing fast in
// many tabs; below what a script flooding the server does. `room:join` is generous because a
// client rejoins every open room on reconnection.
export const DEFAULT_LIMITS: Record<LimitedEvent, Limit> = {
  "message:send": { perSecond: 10, burst: 30 },
  "message:history": { perSecond: 10, burst: 40 },
  typing: { perSecond: 5, burst: 20 },
  "room:join": { perSecond: 10, burst: 60 },
  "room:read": { perSecond: 10, burst: 40 },
  "room:list": { perSecond: 2, burst: 20 },
  "room:browse": { perSecond: 2, burst: 20 },
  "room:create": { perSecond: 0.1, burst: 5 },
  "room:invite": { perSecond: 2, burst: 20 },
  "room:leave": { perSecond: 2, burst: 20 },
  "dm:open": { perSecond: 2, burst: 20 },
  "message:edit": { perSecond: 2, burst: 20 },
  "message:delete": { perSecond: 2, burst: 20 },
  "message:react": { perSecond: 5, burst: 30 },
  "room:members": { perSecond: 2, burst: 20 },
  // A search costs more than a page read; a search box that searches as one types stays under it.
  "message:search": { perSecond: 5, burst: 20 },
};

export const LIMITED_EVENTS = Object.keys(DEFAULT_LIMITS) as LimitedEvent[];

/**
 * The limits in force: the defaults, overridden by `overrides` (RATE_LIMITS:
 * `message:send=20/60,typing=5/10`), every figure multiplied by `factor` (RATE_LIMIT_FACTOR).
 * An unknown event name is an error, so a typo does not silently leave a default in place.
 */
export function resolveLimits(overrides: string, factor: number): Record<LimitedEvent, Limit> {
  const limits = { ...DEFAULT_LIMITS };
  for (const item of overrides.split(",").map((s) => s.trim()).filter(Boolean)) {
    const match = /^([a-z:]+)=(\d+(?:\.\d+)?)\/(\d+)$/.exec(item);
    const event = match?.[1] as LimitedEvent | undefined;
    if (!match || !event || !(event in DEFAULT_LIMITS)) throw new Error(`RATE_LIMITS: cannot read "${item}"`);
    limits[event] = { perSecond: Number(match[2]), burst: Number(match[3]) };
  }
  for (const event of LIMITED_EVENTS) {
    const { perSecond, burst } = limits[event];
    limits[event] = { perSecond: perSecond * factor, burst: Math.max(1, Math.round(burst * factor)) };
  }
  return limits;
}
