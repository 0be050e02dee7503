"use client";

import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { outboxStore, retrySend, sendText, settle } from "@/lib/browser/messages/outbox";
import { pendingIn, type OutboxEntry } from "@/lib/browser/messages/outbox-state";
import { request } from "@/lib/browser/connection/request";
import { appendMessages, emptyRoom, hasOlder, lastSeqOf, prependMessages, type RoomState } from "@/lib/browser/rooms/room-state";
import { useRoomSync } from "@/lib/browser/messages/use-room-sync";
import { usePermalink } from "@/lib/browser/rooms/use-permalink";
import { noteRevision, revisionAfterJoin, updateMessages } from "@/lib/browser/messages/message-updates";
import type { ChatMessage, RoomJoinResult } from "@/lib/shared/protocol";
import { MAX_PAGE } from "@/lib/shared/protocol/limits";

/** What a room shows: its stored messages, then this tab's messages still on their way. */
export interface RoomView {
  messages: ChatMessage[];
  pending: OutboxEntry[];
}

/**
 * One open room: a gap-free run of messages kept complete by useRoomSync, older pages on demand,
 * and sends through the tab's outbox (lib/browser/messages/outbox.ts), pending until their message is in view.
 */
export function useRoom(room: string, selfId: number, initial: ChatMessage[], onJoin: (res: RoomJoinResult) => void, initialRev = 0, target: number | null = null) {
  const [state, setState] = useState<RoomState>(() => appendMessages(emptyRoom, initial).state);
  const stateRef = useRef(state);
  const revRef = useRef(initialRev); // The room revision the messages on screen reflect
  const loadingOlder = useRef(false);

  const run = useMemo(
    () => ({
      lastSeq: () => lastSeqOf(stateRef.current),
      append(messages: ChatMessage[]) {
        const result = appendMessages(stateRef.current, messages);
        if (result.state !== stateRef.current) setState((stateRef.current = result.state));
        // Seen in the room means stored: the outbox stops sending them (an ack may have been lost).
        settle(messages.filter((m) => m.author.id === selfId).map((m) => m.clientId));
        return result.gap;
      },
      // Edits, deletes and reactions, live and caught up.
      update(message: ChatMessage) {
        setState((stateRef.current = updateMessages(stateRef.current, [message])));
        const noted = noteRevision(revRef.current, message.rev);
        revRef.current = noted.rev;
        return noted.gap;
      },
      rev: () => revRef.current,
      caughtUp(res: RoomJoinResult) {
        setState((stateRef.current = updateMessages(stateRef.current, res.changes ?? [])));
        revRef.current = revisionAfterJoin(revRef.current, res);
      },
    }),
    [selfId],
  );
  const { joined, ready, error, catchUp } = useRoomSync(room, run, onJoin);
  // A permalink's message, loaded around when not on screen (lib/browser/rooms/use-permalink.ts).
  const permalink = useMemo(
    () => ({
      holds: (seq: number) => seq >= (stateRef.current.messages[0]?.seq ?? Infinity) && seq <= lastSeqOf(stateRef.current),
      replace(messages: ChatMessage[]) {
        setState((stateRef.current = appendMessages(emptyRoom, messages).state));
        catchUp();
      },
    }),
    [catchUp],
  );
  usePermalink(room, target, joined, permalink);

  const loadOlder = useCallback(async () => {
    const first = stateRef.current.messages[0];
    if (!first || first.seq <= 1 || loadingOlder.current) return;
    loadingOlder.current = true;
    const res = await request("message:history", { room, before: first.seq, limit: MAX_PAGE });
    loadingOlder.current = false;
    if (res.ok) setState((stateRef.current = prependMessages(stateRef.current, res.messages)));
  }, [room]);

  const outbox = useSyncExternalStore(outboxStore.subscribe, outboxStore.snapshot, outboxStore.serverSnapshot);
  const view = useMemo<RoomView>(
    () => ({ messages: state.messages, pending: pendingIn(outbox, room, state.messages, selfId) }),
    [outbox, room, selfId, state.messages],
  );
  const send = useCallback((text: string, replyTo?: number) => sendText(room, text, replyTo), [room]);

  return { view, joined, ready, error, hasOlder: hasOlder(state), send, retry: retrySend, loadOlder };
}
