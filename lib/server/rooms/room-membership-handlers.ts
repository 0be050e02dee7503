import type * as membershipModule from "@/lib/server/realtime/membership";
import type * as membersModule from "@/lib/server/rooms/members";
import type * as accessModule from "@/lib/server/rooms/room-access";
import type * as summariesModule from "@/lib/server/rooms/room-summaries";
import type * as roomsModule from "@/lib/server/rooms/rooms";
import type * as usersModule from "@/lib/server/users/users";
import { AppError } from "@/lib/shared/errors";
import { dmOpenSchema, roomCreateSchema, roomInviteSchema } from "@/lib/shared/protocol";
import { onEvent, type EventHandler } from "@/lib/server/realtime/on-event";
import type { ChatServer } from "@/lib/server/realtime/types";

export interface RoomMembershipHandlerDeps {
  io: ChatServer;
  rooms: Pick<typeof roomsModule, "createRoom" | "openDirectRoom"> &
    Pick<typeof accessModule, "memberRoom"> &
    Pick<typeof summariesModule, "summarizeRoom">;
  members: Pick<typeof membersModule, "addMember">;
  users: Pick<typeof usersModule, "findUserByUsername">;
  membership: Pick<typeof membershipModule, "welcomeMember">;
}

/** `room:create`, `room:invite`, `dm:open`: memberships that others did not ask for (or that start a room). */
export function createRoomMembershipHandlers({ io, rooms, members, users, membership }: RoomMembershipHandlerDeps): EventHandler[] {
  const create = onEvent("room:create", roomCreateSchema, async (socket, { name, visibility }) => {
    const { user } = socket.data;
    const room = await rooms.createRoom({ name, visibility, creatorId: user.id });
    await membership.welcomeMember(io, user, room, 0);
    return { room: await rooms.summarizeRoom({ room, userId: user.id, lastReadSeq: 0 }) };
  });

  const invite = onEvent("room:invite", roomInviteSchema, async (socket, { room: slug, username }) => {
    const { user } = socket.data;
    const { room, lastReadSeq } = await rooms.memberRoom({ slug, userId: user.id });
    if (room.visibility === "direct") throw new AppError("invalid", "a direct conversation has exactly two people");
    const invitee = await users.findUserByUsername({ username });
    if (!invitee) throw new AppError("not_found", "no such user");
    const added = await members.addMember({ roomId: room.id, userId: invitee.id });
    if (added.created) await membership.welcomeMember(io, invitee, room, added.lastReadSeq);
    return { room: await rooms.summarizeRoom({ room, userId: user.id, lastReadSeq }) };
  });

  const openDm = onEvent("dm:open", dmOpenSchema, async (socket, { username }) => {
    const { user } = socket.data;
    const { room, peer, created } = await rooms.openDirectRoom({ userId: user.id, peerUsername: username });
    if (created) {
      // Both sidebars show the new conversation at once (one person when writing to yourself).
      for (const person of peer.id === user.id ? [user] : [user, peer]) await membership.welcomeMember(io, person, room, 0);
    }
    const { lastReadSeq } = await rooms.memberRoom({ slug: room.slug, userId: user.id });
    return { room: await rooms.summarizeRoom({ room, userId: user.id, lastReadSeq }) };
  });

  return [create, invite, openDm];
}
