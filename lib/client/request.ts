"use client";

import { getSocket } from "@/lib/client/socket";
import type { Ack, AckCallback, ClientToServerEvents } from "@/lib/protocol";

type EventName = keyof ClientToServerEvents;
type PayloadOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[0];
export type ResultOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;

export const ACK_TIMEOUT_MS = 10_000;

/** What a request answers when the server could not: no answer in time, or the socket dropped. */
export const NO_ANSWER = { ok: false, error: { code: "unavailable", message: "no answer from the server, try again" } } as const;

/**
 * Sends one client event and resolves with its acknowledgement, never rejects. Offline, it fails at
 * once: Socket.IO would otherwise buffer the packet and send it, stale, after reconnecting.
 */
export async function request<E extends EventName>(event: E, payload: PayloadOf<E>): Promise<Ack<ResultOf<E>>> {
  const socket = getSocket();
  if (!socket.connected) return NO_ANSWER;
  // The typed emitWithAck cannot follow a generic event name; the contract types the result instead.
  const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as {
    emitWithAck(event: E, payload: PayloadOf<E>): Promise<Ack<ResultOf<E>>>;
  };
  try {
    return await timed.emitWithAck(event, payload);
  } catch {
    return NO_ANSWER;
  }
}
