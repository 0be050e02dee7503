"use client";

import { backoffDelay } from "@/lib/browser/connection/backoff";
import { canOpenWebSocket, onTransportChange, transportOf, type ClientSocket } from "@/lib/browser/connection/socket";

// A connection that fell back to long-polling probes once, at its start; after that socket.io-client
// never tries WebSocket again on it. Probing now and then from here, as long as the socket is on
// polling, brings it back to WebSocket once the network allows it.
const FIRST_PROBE_MS = 5_000;
const MAX_PROBE_MS = 5 * 60_000;

/**
 * While `socket` is connected over long-polling, checks with backoff whether a WebSocket opens;
 * once one does, reconnects, and the new connection starts on WebSocket (missed messages are
 * caught up as after any reconnection). Returns the function that stops.
 */
export function returnToWebSocket(socket: ClientSocket): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let stopped = false;

  const schedule = () => {
    clearTimeout(timer);
    if (transportOf(socket) !== "polling") {
      if (transportOf(socket) === "websocket") attempt = 0;
      return;
    }
    timer = setTimeout(() => void probe(), backoffDelay(attempt++, { baseMs: FIRST_PROBE_MS, maxMs: MAX_PROBE_MS }));
  };
  const probe = async () => {
    const open = await canOpenWebSocket();
    if (stopped || transportOf(socket) !== "polling") return;
    if (!open) return schedule();
    socket.disconnect().connect();
  };

  const stopWatching = onTransportChange(socket, schedule);
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
    stopWatching();
  };
}
