"use client";

import type { PayloadOf } from "@/lib/browser/connection/realtime/realtime-socket";
import { getSocket } from "@/lib/browser/connection/socket";
import type { Ack, AckCallback, ClientToServerEvents } from "@/lib/shared/protocol";

type EventName = keyof ClientToServerEvents;
export type ResultOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;

export const ACK_TIMEOUT_MS = 10_000;

/** What a request answers when the server could not: no answer in time, or the socket dropped. */
export const NO_ANSWER = { ok: false, error: { code: "unavailable", message: "no answer from the server, try again" } } as const;

/**
 * Sends one client event and resolves with its acknowledgement, never rejects. Offline, it fails at
 * once: the socket buffers nothing, so nothing stale is sent after reconnecting.
 */
export async function request<E extends EventName>(event: E, payload: PayloadOf<ClientToServerEvents[E]>): Promise<Ack<ResultOf<E>>> {
  const socket = getSocket();
  if (!socket.connected) return NO_ANSWER;
  try {
    // The answer's type, as the contract gives it for a generic event name.
    return (await socket.emitWithAck(event, payload, ACK_TIMEOUT_MS)) as Ack<ResultOf<E>>;
  } catch {
    return NO_ANSWER;
  }
}
