"use client";

import { useSyncExternalStore } from "react";

// One clock for every relative time on screen, ticking every 30 s while anything shows one.
const TICK_MS = 30_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) timer = void clearInterval(timer);
  };
}

/**
 * The current time, or null while rendering on the server and hydrating: the server knows neither
 * the browser's clock nor its time zone, so relative times and days appear once React runs.
 */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, () => now, () => null);
}
