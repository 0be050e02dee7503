import type * as membersModule from "@/lib/server/rooms/members";
import type { RoomGate } from "@/lib/server/rooms/joined-room";
import { roomRefSchema } from "@/lib/shared/protocol";
import { onEvent, type EventHandler } from "@/lib/server/realtime/on-event";

export interface MemberListHandlerDeps {
  members: Pick<typeof membersModule, "listRoomMembers">;
  gate: Pick<RoomGate, "joinedRoom">;
}

/** `room:members`: who can be mentioned in a room (members only ask). */
export function createMemberListHandlers({ members, gate }: MemberListHandlerDeps): EventHandler[] {
  const list = onEvent("room:members", roomRefSchema, async (socket, { room: slug }) => {
    const room = await gate.joinedRoom(socket, slug);
    return { members: await members.listRoomMembers({ roomId: room.id }) };
  });
  return [list];
}
