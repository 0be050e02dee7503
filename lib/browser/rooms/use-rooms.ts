"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { createChangeLog } from "@/lib/browser/messages/change-log";
import { listen } from "@/lib/browser/connection/listen";
import { LOBBY, roomHref } from "@/lib/browser/rooms/paths";
import { notifyMention } from "@/lib/browser/mentions/mention-notifications";
import { mentionsUser } from "@/lib/browser/mentions/mentions";
import { createReadMarker } from "@/lib/browser/messages/read-marker";
import { request } from "@/lib/browser/connection/request";
import { initialRooms, roomsReducer } from "@/lib/browser/rooms/rooms-state";
import { getSocket } from "@/lib/browser/connection/socket";
import type { RoomSummary } from "@/lib/shared/protocol";

/**
 * The user's rooms with their unread counts, kept live: the list again after every (re)connection
 * (what was missed while offline), then the membership, read-marker and message events of every
 * room, open or not (the server subscribes the socket to all of them).
 */
export function useRooms(selfId: number, initial: RoomSummary[], activeSlug: string | null, selfUsername = "") {
  const router = useRouter();
  const [rooms, dispatch] = useReducer(roomsReducer, initial, initialRooms);
  const active = useRef(activeSlug);
  const [changes] = useState(createChangeLog);
  const roomsRef = useRef(rooms); // The room's name for a mention notification
  useEffect(() => {
    roomsRef.current = rooms;
  }, [rooms]);
  useEffect(() => {
    active.current = activeSlug;
  }, [activeSlug]);

  useEffect(() => {
    const refresh = async () => {
      const sent = changes.mark();
      const res = await request("room:list", {});
      if (res.ok) dispatch({ type: "list", rooms: res.rooms, keep: changes.since(sent) });
    };
    const socket = getSocket();
    if (socket.connected) void refresh();
    return listen(socket, {
      connect: () => void refresh(),
      "room:added": (room) => {
        changes.note(room.slug);
        dispatch({ type: "upsert", room });
      },
      "room:removed": ({ room }) => {
        changes.note(room);
        dispatch({ type: "remove", slug: room });
        // Left from this or another device: the room cannot stay on screen.
        if (room === active.current && room !== LOBBY) router.replace(roomHref(LOBBY));
      },
      "room:read": ({ room, lastReadSeq }) => dispatch({ type: "read", slug: room, lastReadSeq }),
      "message:new": (message) => {
        const onScreen = message.room === active.current && document.visibilityState === "visible";
        // Mentions of me count in the sidebar and notify while the tab is hidden.
        const mentionsMe = message.author.id !== selfId && mentionsUser(message, selfUsername);
        dispatch({ type: "message", message, seen: message.author.id === selfId || onScreen, mentionsMe });
        if (mentionsMe) notifyMention(message, roomsRef.current[message.room]?.name ?? message.room);
      },
    });
  }, [changes, router, selfId, selfUsername]);

  const markRead = useMemo(
    () =>
      createReadMarker(async (room, seq) => {
        const res = await request("room:read", { room, seq });
        if (res.ok) dispatch({ type: "read", slug: res.room, lastReadSeq: res.lastReadSeq });
        return res.ok;
      }),
    [],
  );
  const upsertRoom = useCallback(
    (room: RoomSummary) => {
      changes.note(room.slug);
      dispatch({ type: "upsert", room });
    },
    [changes],
  );

  return { rooms, upsertRoom, markRead };
}
