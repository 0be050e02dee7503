"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { outboxStore } from "@/lib/browser/messages/outbox";
import { getSocket } from "@/lib/browser/connection/socket";

/** Which reconnection attempt is under way: failures since the last connection, plus one. */
export function useReconnectAttempt(): number {
  const [attempt, setAttempt] = useState(1);
  useEffect(() => {
    const socket = getSocket();
    const failed = () => setAttempt((n) => n + 1);
    const connected = () => setAttempt(1);
    socket.on("connect_error", failed);
    socket.on("connect", connected);
    return () => {
      socket.off("connect_error", failed);
      socket.off("connect", connected);
    };
  }, []);
  return attempt;
}

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener("online", listener);
  window.addEventListener("offline", listener);
  return () => {
    window.removeEventListener("online", listener);
    window.removeEventListener("offline", listener);
  };
}

/** The browser's own idea of the network: false when it knows it is offline. */
export function useBrowserOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
}

/** Messages of this tab, in any room, still waiting to be sent. */
export function useWaitingCount(): number {
  const entries = useSyncExternalStore(outboxStore.subscribe, outboxStore.snapshot, outboxStore.serverSnapshot);
  return entries.filter((e) => e.status === "sending").length;
}
