"use client";

import { useEffect, useState } from "react";
import { listen } from "@/lib/browser/connection/listen";
import { request } from "@/lib/browser/connection/request";
import { getSocket } from "@/lib/browser/connection/socket";
import type { Author } from "@/lib/shared/protocol";

/** The room's members, for `@` completion: asked on every connection (members come and go). */
export function useRoomMembers(room: string): Author[] {
  const [members, setMembers] = useState<Author[]>([]);
  useEffect(() => {
    let live = true;
    const load = async () => {
      const res = await request("room:members", { room });
      if (live && res.ok) setMembers(res.members);
    };
    const socket = getSocket();
    if (socket.connected) void load();
    const stop = listen(socket, { connect: () => void load() });
    return () => {
      live = false;
      stop();
    };
  }, [room]);
  return members;
}
