"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { newClientId } from "@/lib/client/client-id";
import {
  addPending,
  appendMessages,
  hasOlder,
  lastSeqOf,
  prependMessages,
  setPendingStatus,
  type Outgoing,
  type RoomState,
} from "@/lib/client/room-state";
import { getSocket } from "@/lib/client/socket";
import { MAX_PAGE, type ChatMessage } from "@/lib/protocol";

export type ConnectionStatus = "connecting" | "online" | "offline";

const ACK_TIMEOUT_MS = 10_000;
const MAX_ATTEMPTS_ONLINE = 5;
const RETRYABLE = new Set(["unavailable", "internal", "rate_limited"]);

/** Live state of one room: catch-up after every (re)connection and gap, optimistic sends with retries. */
export function useRoom(room: string, selfId: number, initial: ChatMessage[]) {
  const [state, setState] = useState<RoomState>(() => appendMessages({ messages: [], pending: [] }, initial, selfId).state);
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const [error, setError] = useState<string | null>(null);
  const stateRef = useRef(state);
  const inFlight = useRef(new Set<string>());
  const running = useRef<Promise<void> | null>(null);

  const update = useCallback((change: (s: RoomState) => RoomState) => {
    stateRef.current = change(stateRef.current);
    setState(stateRef.current);
  }, []);

  const joinAndCatchUp = useCallback(async () => {
    for (;;) {
      const since = lastSeqOf(stateRef.current);
      const res = await getSocket()
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck("room:join", since > 0 ? { room, since } : { room })
        .catch(() => null);
      // Timed out: the next reconnection or gap starts over from what we have.
      if (!res) return;
      if (!res.ok) return setError(res.error.message);
      setError(null);
      update((s) => appendMessages(s, res.messages, selfId).state);
      if (lastSeqOf(stateRef.current) >= res.room.lastSeq || res.messages.length === 0) return;
    }
  }, [room, selfId, update]);

  // One catch-up at a time; callers arriving meanwhile wait for the one under way.
  const catchUp = useCallback(() => {
    running.current ??= joinAndCatchUp().finally(() => (running.current = null));
    return running.current;
  }, [joinAndCatchUp]);

  const receive = useCallback(
    (messages: ChatMessage[]) => {
      let gap = false;
      update((s) => {
        const result = appendMessages(s, messages, selfId);
        gap = result.gap;
        return result.state;
      });
      if (gap) void catchUp();
    },
    [catchUp, selfId, update],
  );

  const deliver = useCallback(
    async (outgoing: Outgoing) => {
      if (inFlight.current.has(outgoing.clientId)) return;
      inFlight.current.add(outgoing.clientId);
      try {
        for (let attempt = 1; getSocket().connected; attempt++) {
          const payload = { room, text: outgoing.text, clientId: outgoing.clientId };
          const res = await getSocket().timeout(ACK_TIMEOUT_MS).emitWithAck("message:send", payload).catch(() => null);
          if (res?.ok) return receive([res.message]);
          // The socket reconnected and is not in the room yet: join, then send again.
          if (res?.error.code === "forbidden" && attempt < MAX_ATTEMPTS_ONLINE) {
            await catchUp();
            continue;
          }
          if ((res && !RETRYABLE.has(res.error.code)) || attempt >= MAX_ATTEMPTS_ONLINE) {
            return update((s) => setPendingStatus(s, outgoing.clientId, "failed"));
          }
          await new Promise((r) => setTimeout(r, Math.min(500 * 2 ** attempt, 8000)));
        }
        // Offline: it stays pending and goes out again on reconnection (same clientId, stored once).
      } finally {
        inFlight.current.delete(outgoing.clientId);
      }
    },
    [catchUp, receive, room, update],
  );

  useEffect(() => {
    const socket = getSocket();
    const onConnect = () => {
      setStatus("online");
      void catchUp().then(() => {
        for (const p of stateRef.current.pending) if (p.status === "sending") void deliver(p);
      });
    };
    const onDisconnect = () => setStatus("offline");
    const onNew = (message: ChatMessage) => message.room === room && receive([message]);
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("message:new", onNew);
    if (socket.connected) onConnect();
    return () => {
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("message:new", onNew);
    };
  }, [catchUp, deliver, receive, room]);

  const send = useCallback(
    (text: string) => {
      const outgoing: Outgoing = { clientId: newClientId(), text, status: "sending", createdAt: new Date().toISOString() };
      update((s) => addPending(s, outgoing));
      void deliver(outgoing);
    },
    [deliver, update],
  );

  const retry = useCallback(
    (clientId: string) => {
      update((s) => setPendingStatus(s, clientId, "sending"));
      const outgoing = stateRef.current.pending.find((p) => p.clientId === clientId);
      if (outgoing) void deliver(outgoing);
    },
    [deliver, update],
  );

  const loadOlder = useCallback(async () => {
    const first = stateRef.current.messages[0];
    if (!first || first.seq <= 1) return;
    const res = await getSocket()
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck("message:history", { room, before: first.seq, limit: MAX_PAGE })
      .catch(() => null);
    if (res?.ok) update((s) => prependMessages(s, res.messages));
  }, [room, update]);

  return { state, status, error, hasOlder: hasOlder(state), send, retry, loadOlder };
}
