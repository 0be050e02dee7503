"use client";

import { useEffect, useState } from "react";
import { listen } from "@/lib/client/listen";
import { request } from "@/lib/client/request";
import { getSocket } from "@/lib/client/socket";
import type { Author } from "@/lib/protocol";

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
