"use client";

import { useEffect, useRef } from "react";
import { request } from "@/lib/browser/connection/request";
import type { ChatMessage } from "@/lib/shared/protocol";
import { MAX_PAGE } from "@/lib/shared/protocol/limits";

export interface PermalinkRun {
  /** Whether the run of messages on screen holds message `seq`. */
  holds: (seq: number) => boolean;
  /** Replaces the run with a page of the room; the catch-up then carries it on to the newest message. */
  replace: (messages: ChatMessage[]) => void;
}

/**
 * A permalink's message (`?m=<seq>`): once the room is joined (a request needs the socket), when
 * the run on screen does not hold it, the page around it (`message:history` with `around`)
 * replaces the run. The run stays one gap-free stretch of seqs: the catch-up that follows fills it
 * on to the newest message. A failed or unanswered request is made again at the next join.
 */
export function usePermalink(room: string, target: number | null, joined: boolean, run: PermalinkRun): void {
  const loaded = useRef(false);
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  }, [run]);

  useEffect(() => {
    if (target === null || !joined || loaded.current) return;
    loaded.current = true;
    if (latest.current.holds(target)) return;
    let answered = false;
    let live = true;
    void request("message:history", { room, around: target, limit: MAX_PAGE }).then((res) => {
      answered = true;
      if (!live) return;
      if (res.ok) latest.current.replace(res.messages);
      else loaded.current = false;
    });
    return () => {
      live = false;
      if (!answered) loaded.current = false;
    };
  }, [joined, room, target]);
}
