"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { joinAndCatchUp } from "@/lib/browser/rooms/join-room";
import { listen } from "@/lib/browser/connection/listen";
import { onDelivered } from "@/lib/browser/messages/outbox";
import { getSocket } from "@/lib/browser/connection/socket";
import type { ChatMessage, RoomJoinResult } from "@/lib/shared/protocol";

interface Run {
  lastSeq: () => number;
  /** Appends newer messages; true when one arrived ahead of a missing seq. */
  append: (messages: ChatMessage[]) => boolean;
  /** Applies live changes (true on a revision gap); the revision held; a join's changes. */
  update: (message: ChatMessage) => boolean;
  rev: () => number;
  caughtUp: (res: RoomJoinResult) => void;
}

/**
 * Keeps the room's run of messages complete: a catch-up (`room:join` with `since`) after every
 * (re)connection and every seq gap; live messages and acknowledged sends in between.
 */
export function useRoomSync(room: string, run: Run, onJoin: (res: RoomJoinResult) => void) {
  const [joined, setJoined] = useState(false);
  /** Joined at least once: from then on, sends wait in the outbox through disconnections. */
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef({ run, onJoin });
  const live = useRef(true);
  const running = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  useEffect(() => {
    latest.current = { run, onJoin };
  }, [run, onJoin]);

  const joinOnce = useCallback(async () => {
    const failure = await joinAndCatchUp(room, {
      lastSeq: () => latest.current.run.lastSeq(),
      append: (messages) => void latest.current.run.append(messages),
      rev: () => latest.current.run.rev(),
      changes: (res) => latest.current.run.caughtUp(res),
      onJoin: (res) => {
        setError(null);
        setJoined(true);
        setReady(true);
        latest.current.onJoin(res);
      },
      live: () => live.current,
    });
    if (failure) setError(failure);
  }, [room]);

  // One catch-up at a time. A gap noticed meanwhile may be past what it fetches (the message was
  // stored after the server read the page), so it is remembered and the catch-up runs once more.
  const catchUp = useCallback(() => {
    again.current = true;
    running.current ??= (async () => {
      while (again.current) {
        again.current = false;
        await joinOnce();
      }
    })().finally(() => (running.current = null));
  }, [joinOnce]);

  useEffect(() => {
    live.current = true;
    const socket = getSocket();
    const receive = (message: ChatMessage) => {
      if (message.room === room && latest.current.run.append([message])) catchUp();
    };
    const updated = (message: ChatMessage) => {
      if (message.room === room && latest.current.run.update(message)) catchUp();
    };
    const stopListening = listen(socket, {
      connect: catchUp,
      disconnect: () => setJoined(false),
      "message:new": receive,
      "message:updated": updated,
    });
    const stopDelivered = onDelivered(receive);
    if (socket.connected) catchUp();
    return () => {
      live.current = false;
      stopListening();
      stopDelivered();
    };
  }, [catchUp, room]);

  return { joined, ready, error, catchUp };
}
