"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { listen } from "@/lib/browser/connection/listen";
import { request } from "@/lib/browser/connection/request";
import { getSocket } from "@/lib/browser/connection/socket";
import { TYPING_REPEAT_MS, expireTypists, nextExpiry, noTypists, setTyping, type Typists } from "@/lib/browser/presence/typing-state";
import type { Author } from "@/lib/shared/protocol";

// Typing is fire and forget: a lost notice is repaired by the next one or by expiry. Dropped
// rather than queued while offline (request fails at once then); the server ignores events
// without an ack, so it asks for one and ignores the answer.
function emitTyping(room: string, typing: boolean): void {
  void request("typing", { room, typing });
}

/** Who else is typing in `room`, and the notices to send while the user types. */
export function useTyping(room: string, selfId: number) {
  const [typists, setTypists] = useState<Typists>(noTypists);
  const lastSent = useRef<number | null>(null);

  useEffect(() => {
    const change = (user: Author, typing: boolean) => setTypists((t) => setTyping(t, user, typing, Date.now()));
    return listen(getSocket(), {
      typing: (e) => {
        if (e.room === room && e.user.id !== selfId) change(e.user, e.typing);
      },
      // A message ends its author's typing, even if their `typing: false` got lost.
      "message:new": (m) => {
        if (m.room === room) change(m.author, false);
      },
      disconnect: () => setTypists(noTypists),
    });
  }, [room, selfId]);

  useEffect(() => {
    const next = nextExpiry(typists);
    if (next === null) return;
    const timer = setTimeout(() => setTypists((t) => expireTypists(t, Date.now())), Math.max(0, next - Date.now()) + 20);
    return () => clearTimeout(timer);
  }, [typists]);

  const stopTyping = useCallback(() => {
    if (lastSent.current === null) return;
    lastSent.current = null;
    emitTyping(room, false);
  }, [room]);

  /** Call with the composer's text on every change. */
  const onDraftChange = useCallback(
    (text: string) => {
      if (text.trim() === "") return stopTyping();
      const now = Date.now();
      if (lastSent.current !== null && now - lastSent.current < TYPING_REPEAT_MS) return;
      lastSent.current = now;
      emitTyping(room, true);
    },
    [room, stopTyping],
  );

  // Leaving the room (or the page) while typing.
  useEffect(() => stopTyping, [stopTyping]);

  const typing = useMemo<Author[]>(() => [...typists.values()].map((t) => t.user), [typists]);
  return { typing, onDraftChange, stopTyping };
}
