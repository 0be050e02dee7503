"use client";

import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { backoffDelay, sleep } from "@/lib/client/backoff";
import { onDelivered, outboxStore, retrySend, sendText, settle } from "@/lib/client/outbox";
import { pendingIn, type OutboxEntry } from "@/lib/client/outbox-state";
import { request } from "@/lib/client/request";
import { appendMessages, emptyRoom, hasOlder, lastSeqOf, prependMessages, type RoomState } from "@/lib/client/room-state";
import { getSocket } from "@/lib/client/socket";
import { MAX_PAGE, type ChatMessage, type RoomJoinResult } from "@/lib/protocol";

/** What a room shows: its stored messages, then this tab's messages still on their way. */
export interface RoomView {
  messages: ChatMessage[];
  pending: OutboxEntry[];
}

// Answers worth asking again: the server may manage next time.
const TRANSIENT = new Set(["unavailable", "internal", "rate_limited"]);

/**
 * Live state of one open room: `room:join` with `since` after every (re)connection and every seq
 * gap, so that the view is always a gap-free run of seqs; older pages on demand; sends through the
 * tab's outbox (lib/client/outbox.ts), shown as pending until their message is in the view.
 */
export function useRoom(room: string, selfId: number, initial: ChatMessage[], onJoin: (res: RoomJoinResult) => void) {
  const [state, setState] = useState<RoomState>(() => appendMessages(emptyRoom, initial, selfId).state);
  const [joined, setJoined] = useState(false);
  /** Joined at least once: from then on, sends wait in the outbox through disconnections. */
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stateRef = useRef(state);
  const onJoinRef = useRef(onJoin);
  const live = useRef(true);
  const running = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const loadingOlder = useRef(false);

  useEffect(() => {
    onJoinRef.current = onJoin;
  }, [onJoin]);

  /** Appends newer messages; true when one arrived ahead of a missing seq. */
  const append = useCallback(
    (messages: ChatMessage[]) => {
      const result = appendMessages(stateRef.current, messages, selfId);
      if (result.state !== stateRef.current) {
        stateRef.current = result.state;
        setState(result.state);
      }
      // Seen in the room means stored: the outbox stops sending them (an ack may have been lost).
      settle(messages.filter((m) => m.author.id === selfId).map((m) => m.clientId));
      return result.gap;
    },
    [selfId],
  );

  /** Joins (again) and fetches everything after the last seq held, page by page. */
  const joinOnce = useCallback(async () => {
    for (let attempt = 0; live.current && getSocket().connected; ) {
      const res = await request("room:join", { room, since: lastSeqOf(stateRef.current) });
      if (!live.current) return;
      if (!res.ok) {
        if (!TRANSIENT.has(res.error.code)) return setError(res.error.message);
        await sleep(backoffDelay(attempt++));
        continue;
      }
      setError(null);
      setJoined(true);
      setReady(true);
      onJoinRef.current(res);
      append(res.messages);
      if (lastSeqOf(stateRef.current) >= res.room.lastSeq || res.messages.length === 0) return;
    }
  }, [append, room]);

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
    return running.current;
  }, [joinOnce]);

  const receive = useCallback((messages: ChatMessage[]) => void (append(messages) && catchUp()), [append, catchUp]);

  useEffect(() => {
    live.current = true;
    const socket = getSocket();
    const onConnect = () => void catchUp();
    const onDisconnect = () => setJoined(false);
    const onNew = (message: ChatMessage) => message.room === room && receive([message]);
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("message:new", onNew);
    const stopDelivered = onDelivered((message) => message.room === room && receive([message]));
    if (socket.connected) onConnect();
    return () => {
      live.current = false;
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("message:new", onNew);
      stopDelivered();
    };
  }, [catchUp, receive, room]);

  const loadOlder = useCallback(async () => {
    const first = stateRef.current.messages[0];
    if (!first || first.seq <= 1 || loadingOlder.current) return;
    loadingOlder.current = true;
    try {
      const res = await request("message:history", { room, before: first.seq, limit: MAX_PAGE });
      if (!res.ok) return;
      stateRef.current = prependMessages(stateRef.current, res.messages);
      setState(stateRef.current);
    } finally {
      loadingOlder.current = false;
    }
  }, [room]);

  const outbox = useSyncExternalStore(outboxStore.subscribe, outboxStore.snapshot, outboxStore.serverSnapshot);
  const view = useMemo<RoomView>(
    () => ({ messages: state.messages, pending: pendingIn(outbox, room, state.messages, selfId) }),
    [outbox, room, selfId, state.messages],
  );
  const send = useCallback((text: string) => sendText(room, text), [room]);

  return { view, joined, ready, error, hasOlder: hasOlder(state), send, retry: retrySend, loadOlder };
}
