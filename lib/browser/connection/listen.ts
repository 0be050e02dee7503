"use client";

import type { ClientSocket } from "@/lib/browser/connection/socket";
import type { ServerToClientEvents } from "@/lib/shared/protocol";

type Handlers = { [E in keyof ServerToClientEvents]?: ServerToClientEvents[E] } & {
  connect?: () => void;
  disconnect?: (reason: string) => void;
};

/** Adds several socket listeners at once; returns the function that removes them all. */
export function listen(socket: ClientSocket, handlers: Handlers): () => void {
  // Each handler matches its own event's signature; the loop cannot express that to the compiler.
  const entries = Object.entries(handlers) as [string, (...args: unknown[]) => void][];
  const on = socket.on.bind(socket) as (event: string, handler: (...args: unknown[]) => void) => void;
  const off = socket.off.bind(socket) as (event: string, handler: (...args: unknown[]) => void) => void;
  for (const [event, handler] of entries) on(event, handler);
  return () => {
    for (const [event, handler] of entries) off(event, handler);
  };
}
