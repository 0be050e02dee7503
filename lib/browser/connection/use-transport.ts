"use client";

import { useSyncExternalStore } from "react";
import { getSocket, onTransportChange, transportOf, type TransportName } from "@/lib/browser/connection/socket";

const subscribe = (listener: () => void) => onTransportChange(getSocket(), listener);

/** The transport of the tab's connection (websocket or polling); undefined while disconnected. */
export function useTransport(): TransportName | undefined {
  return useSyncExternalStore(subscribe, () => transportOf(getSocket()), () => undefined);
}
