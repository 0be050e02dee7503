import { listRoomMembers } from "@/lib/data/list-room-members";
import { roomRefSchema } from "@/lib/protocol";
import { joinedRoom } from "@/lib/socket/joined-room";
import { onEvent } from "@/lib/socket/on-event";
import type { ChatSocket } from "@/lib/socket/types";

/** `room:members`: who can be mentioned in a room (members only ask). */
export function registerMemberListHandlers(socket: ChatSocket): void {
  onEvent(socket, "room:members", roomRefSchema, async ({ room: slug }) => {
    const room = await joinedRoom(socket, slug);
    return { members: await listRoomMembers({ roomId: room.id }) };
  });
}
