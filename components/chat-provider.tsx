"use client";

import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo } from "react";
import { ChatContext, type ChatContextValue } from "@/lib/browser/rooms/chat-context";
import { resumeDeliveries } from "@/lib/browser/messages/outbox";
import { roomHref, slugFromPath } from "@/lib/browser/rooms/paths";
import { request } from "@/lib/browser/connection/request";
import { getSocket } from "@/lib/browser/connection/socket";
import { useConnection } from "@/lib/browser/connection/use-connection";
import { useRooms } from "@/lib/browser/rooms/use-rooms";
import type { Author, RoomSummary } from "@/lib/shared/protocol";

/** Lives in the chat layout, so the socket and the room list survive moving between rooms. */
export function ChatProvider({ me, initialRooms, children }: { me: Author; initialRooms: RoomSummary[]; children: React.ReactNode }) {
  const router = useRouter();
  const activeSlug = slugFromPath(usePathname());
  const status = useConnection();
  const { rooms, upsertRoom, markRead } = useRooms(me.id, initialRooms, activeSlug, me.username);

  // Messages typed while offline, in any room, go out once the socket is back.
  useEffect(() => {
    const socket = getSocket();
    socket.on("connect", resumeDeliveries);
    return () => void socket.off("connect", resumeDeliveries);
  }, []);

  const openDirect = useCallback(
    async (username: string) => {
      const res = await request("dm:open", { username });
      if (!res.ok) return res;
      upsertRoom(res.room);
      router.push(roomHref(res.room.slug));
      return null;
    },
    [router, upsertRoom],
  );

  const value = useMemo<ChatContextValue>(
    () => ({ me, status, rooms, activeSlug, upsertRoom, markRead, openDirect }),
    [me, status, rooms, activeSlug, upsertRoom, markRead, openDirect],
  );
  return <ChatContext value={value}>{children}</ChatContext>;
}
