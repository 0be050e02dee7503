"use client";

import { getSocket } from "@/lib/browser/connection/socket";
import type { Ack, AckCallback, ClientToServerEvents } from "@/lib/shared/protocol";

type EventName = keyof ClientToServerEvents;
type PayloadOf<F> = F extends (payload: infer P, ack: never) => void ? P : never;
export type ResultOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;

export const ACK_TIMEOUT_MS = 10_000;

/** What a request answers when the server could not: no answer in time, or the socket dropped. */
export const NO_ANSWER = { ok: false, error: { code: "unavailable", message: "no answer from the server, try again" } } as const;

/**
 * Sends one client event and resolves with its acknowledgement, never rejects. Offline, it fails at
 * once rather than let socket.io-client buffer it, so nothing stale is sent after reconnecting.
 */
export async function request<E extends EventName>(event: E, payload: PayloadOf<ClientToServerEvents[E]>): Promise<Ack<ResultOf<E>>> {
  const socket = getSocket();
  if (!socket.connected) return NO_ANSWER;
  try {
    // socket.io-client's typings cannot pair a generic event name with its payload; the contract's
    // own types above do, for the caller.
    const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(event: E, payload: unknown): Promise<Ack<ResultOf<E>>> };
    return await timed.emitWithAck(event, payload);
  } catch {
    return NO_ANSWER;
  }
}
