"use client";

import { useCallback, useEffect, useState } from "react";
import { applyPresence, sortOnline } from "@/lib/client/presence-state";
import { getSocket } from "@/lib/client/socket";
import type { Author, ServerToClientEvents } from "@/lib/protocol";

type PresenceEvent = Parameters<ServerToClientEvents["presence"]>[0];

/**
 * Who is online in `room`: the list of each `room:join` answer (pass it to `reset`), then the
 * room's `presence` events. Offline, nobody is shown: the list could not be kept true.
 */
export function usePresence(room: string) {
  const [online, setOnline] = useState<Author[]>([]);

  useEffect(() => {
    const socket = getSocket();
    const onPresence = (p: PresenceEvent) => p.room === room && setOnline((list) => applyPresence(list, p.user, p.online));
    const onDisconnect = () => setOnline([]);
    socket.on("presence", onPresence);
    socket.on("disconnect", onDisconnect);
    return () => {
      socket.off("presence", onPresence);
      socket.off("disconnect", onDisconnect);
    };
  }, [room]);

  const reset = useCallback((list: Author[]) => setOnline(sortOnline(list)), []);
  return { online, reset };
}
