import { listRoomMembers } from "@/lib/server/rooms/list-room-members";
import { roomRefSchema } from "@/lib/shared/protocol";
import { joinedRoom } from "@/lib/server/rooms/joined-room";
import { onEvent, type EventHandler } from "@/lib/server/realtime/on-event";

/** `room:members`: who can be mentioned in a room (members only ask). */
export function memberListHandlers(): EventHandler[] {
  const members = onEvent("room:members", roomRefSchema, async (socket, { room: slug }) => {
    const room = await joinedRoom(socket, slug);
    return { members: await listRoomMembers({ roomId: room.id }) };
  });
  return [members];
}
