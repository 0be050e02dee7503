"use client";

import { useCallback, useEffect, useState } from "react";
import { listen } from "@/lib/browser/connection/listen";
import { applyPresence, sortOnline } from "@/lib/browser/presence/presence-state";
import { getSocket } from "@/lib/browser/connection/socket";
import type { Author } from "@/lib/shared/protocol";

/**
 * Who is online in `room`: the list of each `room:join` answer (pass it to `reset`), then the
 * room's `presence` events. Offline, nobody is shown: the list could not be kept true.
 */
export function usePresence(room: string) {
  const [online, setOnline] = useState<Author[]>([]);

  useEffect(() => {
    return listen(getSocket(), {
      presence: (p) => {
        if (p.room === room) setOnline((list) => applyPresence(list, p.user, p.online));
      },
      disconnect: () => setOnline([]),
    });
  }, [room]);

  const reset = useCallback((list: Author[]) => setOnline(sortOnline(list)), []);
  return { online, reset };
}
