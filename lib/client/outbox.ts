"use client";

import { backoffDelay, sleep } from "@/lib/client/backoff";
import { newClientId } from "@/lib/client/client-id";
import { addEntry, markEntry, removeEntries, type OutboxState } from "@/lib/client/outbox-state";
import { request } from "@/lib/client/request";
import { getSocket } from "@/lib/client/socket";
import type { ChatMessage } from "@/lib/protocol";

// The tab's outgoing messages live here, outside any component: a message typed in one room is
// still delivered after the user has moved to another one. Each is sent with the same clientId
// until acknowledged (the server stores a clientId once), and waits while the socket is down.

const MAX_ATTEMPTS = 5;
// `forbidden` too: a room joined a moment ago may not be subscribed on this socket yet.
const RETRYABLE = new Set(["unavailable", "internal", "rate_limited", "forbidden"]);
const EMPTY: OutboxState = [];

let entries: OutboxState = EMPTY;
const listeners = new Set<() => void>();
const deliveredListeners = new Set<(message: ChatMessage) => void>();
const inFlight = new Set<string>();

function change(next: OutboxState): void {
  if (next === entries) return;
  entries = next;
  for (const listener of listeners) listener();
}

/** For useSyncExternalStore. */
export const outboxStore = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
  snapshot: () => entries,
  serverSnapshot: () => EMPTY,
};

/** Called with each acknowledged message; returns the function that stops. */
export function onDelivered(listener: (message: ChatMessage) => void): () => void {
  deliveredListeners.add(listener);
  return () => void deliveredListeners.delete(listener);
}

export function sendText(room: string, text: string, replyTo?: number): void {
  const clientId = newClientId();
  change(addEntry(entries, { room, clientId, text, replyTo, status: "sending", createdAt: new Date().toISOString() }));
  void deliver(clientId);
}

export function retrySend(clientId: string): void {
  change(markEntry(entries, clientId, "sending"));
  void deliver(clientId);
}

/** These messages are stored (seen in a room): nothing more to send for them. */
export function settle(clientIds: string[]): void {
  if (clientIds.length > 0) change(removeEntries(entries, clientIds));
}

/** After a (re)connection: everything still waiting goes out again. */
export function resumeDeliveries(): void {
  for (const entry of entries) if (entry.status === "sending") void deliver(entry.clientId);
}

async function waitOutLimit(clientId: string, retryAfterMs: number): Promise<void> {
  const wait = Math.min(Math.max(retryAfterMs, 50), 60_000);
  change(markEntry(entries, clientId, "sending", undefined, `Sending too fast: retrying in ${Math.ceil(wait / 1000)} s`));
  await sleep(wait + Math.round(Math.random() * 100));
  change(markEntry(entries, clientId, "sending"));
}

async function deliver(clientId: string): Promise<void> {
  if (inFlight.has(clientId)) return;
  inFlight.add(clientId);
  try {
    for (let attempt = 1; ; attempt++) {
      const entry = entries.find((e) => e.clientId === clientId);
      // Settled meanwhile, or offline: resumeDeliveries picks it up on reconnection.
      if (!entry || entry.status !== "sending" || !getSocket().connected) return;
      const res = await request("message:send", { room: entry.room, text: entry.text, clientId, replyTo: entry.replyTo });
      if (res.ok) {
        change(removeEntries(entries, [clientId]));
        for (const listener of deliveredListeners) listener(res.message);
        return;
      }
      if (!getSocket().connected) return;
      if (res.error.retryAfterMs !== undefined) {
        // Over the rate limit: the server says when; wait that long, then the same clientId again.
        await waitOutLimit(clientId, res.error.retryAfterMs);
        attempt--;
        continue;
      }
      if (!RETRYABLE.has(res.error.code) || attempt >= MAX_ATTEMPTS) {
        change(markEntry(entries, clientId, "failed", res.error.message));
        return;
      }
      await sleep(backoffDelay(attempt - 1, { baseMs: 500, maxMs: 8000 }));
    }
  } finally {
    inFlight.delete(clientId);
  }
}
