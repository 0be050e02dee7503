"use client";

import { backoffDelay, sleep } from "@/lib/browser/connection/backoff";
import { newClientId } from "@/lib/browser/messages/client-id";
import { addEntry, markEntry, nextToSend, removeEntries, type OutboxEntry, type OutboxState } from "@/lib/browser/messages/outbox-state";
import { request } from "@/lib/browser/connection/request";
import { SendPacer } from "@/lib/browser/messages/send-pacer";
import { getSocket } from "@/lib/browser/connection/socket";
import type { AckError, ChatMessage } from "@/lib/shared/protocol";

// The tab's outgoing messages live here, outside any component: a message typed in one room is
// still delivered after the user has moved to another one. Each is sent with the same clientId
// until acknowledged (the server stores a clientId once), and waits while the socket is down.
// Each room's messages go one at a time, in typing order: a later one is sent only once the one
// before is acknowledged (or failed), so it can never be stored first (a refused or lost send
// with another already behind it would be). Rooms go side by side, at most MAX_IN_FLIGHT at once,
// and all of them at the pace the server's rate limit states (send-pacer.ts), so a long queue
// (a paste while offline, a reconnection) drains at the limit instead of being refused in bulk.

const MAX_ATTEMPTS = 5;
const MAX_IN_FLIGHT = 4;
// `forbidden` too: a room joined a moment ago may not be subscribed on this socket yet.
const RETRYABLE = new Set(["unavailable", "internal", "rate_limited", "forbidden"]);
const EMPTY: OutboxState = [];

let entries: OutboxState = EMPTY;
const listeners = new Set<() => void>();
const deliveredListeners = new Set<(message: ChatMessage) => void>();
/** Rooms with a send in flight (or waiting out a transient error). */
const busyRooms = new Set<string>();
const pacer = new SendPacer();
let timer: ReturnType<typeof setTimeout> | undefined;

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
  pump();
}

export function retrySend(clientId: string): void {
  change(markEntry(entries, clientId, "sending"));
  pump();
}

/** These messages are stored (seen in a room): nothing more to send for them. */
export function settle(clientIds: string[]): void {
  if (clientIds.length > 0) change(removeEntries(entries, clientIds));
}

/** After a (re)connection: everything still waiting goes out again, at the pace allowed. */
export function resumeDeliveries(): void {
  pump();
}

/** Starts every send allowed now; if the pacer says wait, comes back when it may. */
function pump(): void {
  if (!getSocket().connected) return;
  for (;;) {
    const [next] = nextToSend(entries, busyRooms, MAX_IN_FLIGHT - busyRooms.size);
    if (!next) break;
    const wait = pacer.wait(Date.now());
    if (wait > 0) return void schedule(wait);
    pacer.sent(Date.now());
    void deliver(next);
  }
  if (busyRooms.size === 0 && !entries.some((e) => e.status === "sending")) pacer.reset();
}

function schedule(wait: number): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    pump();
  }, wait);
}

function waitOutLimit(clientId: string, error: AckError["error"]): void {
  pacer.limited(Date.now(), error.retryAfterMs ?? 0, error.ratePerSecond);
  const seconds = Math.ceil(pacer.wait(Date.now()) / 1000);
  change(markEntry(entries, clientId, "sending", undefined, `Sending too fast: retrying in ${seconds} s`));
}

/** One room's next message, until acknowledged, failed, refused for the rate (the pacer retries it) or offline. */
async function deliver({ clientId, room }: OutboxEntry): Promise<void> {
  busyRooms.add(room);
  try {
    for (let attempt = 1; ; attempt++) {
      const entry = entries.find((e) => e.clientId === clientId);
      // Settled meanwhile, or offline: resumeDeliveries picks it up on reconnection.
      if (!entry || entry.status !== "sending" || !getSocket().connected) return;
      if (entry.notice) change(markEntry(entries, clientId, "sending"));
      const res = await request("message:send", { room, text: entry.text, clientId, replyTo: entry.replyTo });
      if (res.ok) {
        change(removeEntries(entries, [clientId]));
        for (const listener of deliveredListeners) listener(res.message);
        return;
      }
      if (!getSocket().connected) return;
      // Over the rate limit: the whole outbox waits as the server says; this one is first again.
      if (res.error.retryAfterMs !== undefined) return waitOutLimit(clientId, res.error);
      if (!RETRYABLE.has(res.error.code) || attempt >= MAX_ATTEMPTS) {
        change(markEntry(entries, clientId, "failed", res.error.message));
        return;
      }
      await sleep(backoffDelay(attempt - 1, { baseMs: 500, maxMs: 8000 }));
    }
  } finally {
    busyRooms.delete(room);
    pump();
  }
}
