"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import { LOBBY, roomHref } from "@/lib/client/paths";
import { createReadMarker } from "@/lib/client/read-marker";
import { request } from "@/lib/client/request";
import { initialRooms, roomsReducer } from "@/lib/client/rooms-state";
import { getSocket } from "@/lib/client/socket";
import type { ChatMessage, RoomSummary, ServerToClientEvents } from "@/lib/protocol";

type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/**
 * The user's rooms with their unread counts, kept live: the list again after every (re)connection
 * (what was missed while offline), then the membership, read-marker and message events of every
 * room, open or not (the server subscribes the socket to all of them).
 */
export function useRooms(selfId: number, initial: RoomSummary[], activeSlug: string | null) {
  const router = useRouter();
  const [rooms, dispatch] = useReducer(roomsReducer, initial, initialRooms);
  const active = useRef(activeSlug);
  // When each room last joined or left the list through an event, to weigh list answers against.
  const changes = useRef({ count: 0, at: new Map<string, number>() });
  useEffect(() => {
    active.current = activeSlug;
  }, [activeSlug]);

  useEffect(() => {
    const socket = getSocket();
    const refresh = async () => {
      const sent = changes.current.count;
      const res = await request("room:list", {});
      if (!res.ok) return;
      const keep = [...changes.current.at].filter(([, at]) => at > sent).map(([slug]) => slug);
      dispatch({ type: "list", rooms: res.rooms, keep });
    };
    const onAdded = (room: RoomSummary) => {
      noteChange(changes.current, room.slug);
      dispatch({ type: "upsert", room });
    };
    const onRemoved = ({ room }: Payload<"room:removed">) => {
      noteChange(changes.current, room);
      dispatch({ type: "remove", slug: room });
      // Left from this or another device: the room cannot stay on screen.
      if (room === active.current && room !== LOBBY) router.replace(roomHref(LOBBY));
    };
    const onRead = ({ room, lastReadSeq }: Payload<"room:read">) => dispatch({ type: "read", slug: room, lastReadSeq });
    const onMessage = (message: ChatMessage) => {
      const onScreen = message.room === active.current && document.visibilityState === "visible";
      dispatch({ type: "message", message, seen: message.author.id === selfId || onScreen });
    };
    socket.on("connect", refresh);
    socket.on("room:added", onAdded);
    socket.on("room:removed", onRemoved);
    socket.on("room:read", onRead);
    socket.on("message:new", onMessage);
    if (socket.connected) void refresh();
    return () => {
      socket.off("connect", refresh);
      socket.off("room:added", onAdded);
      socket.off("room:removed", onRemoved);
      socket.off("room:read", onRead);
      socket.off("message:new", onMessage);
    };
  }, [router, selfId]);

  const markRead = useMemo(
    () =>
      createReadMarker(async (room, seq) => {
        const res = await request("room:read", { room, seq });
        if (res.ok) dispatch({ type: "read", slug: res.room, lastReadSeq: res.lastReadSeq });
        return res.ok;
      }),
    [],
  );
  const upsertRoom = useCallback((room: RoomSummary) => {
    noteChange(changes.current, room.slug);
    dispatch({ type: "upsert", room });
  }, []);

  return { rooms, upsertRoom, markRead };
}

function noteChange(changes: { count: number; at: Map<string, number> }, slug: string): void {
  changes.at.set(slug, ++changes.count);
}
