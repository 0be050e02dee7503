import { openDirectRoom } from "@/lib/server/rooms/direct-rooms";
import { addMember } from "@/lib/server/rooms/members";
import { memberRoom } from "@/lib/server/rooms/room-access";
import { summarizeRoom } from "@/lib/server/rooms/room-summaries";
import { createRoom } from "@/lib/server/rooms/rooms";
import { findUserByUsername } from "@/lib/server/users/users";
import { AppError } from "@/lib/shared/errors";
import { dmOpenSchema, roomCreateSchema, roomInviteSchema } from "@/lib/shared/protocol";
import { welcomeMember } from "@/lib/server/realtime/membership";
import { onEvent, type EventHandler } from "@/lib/server/realtime/on-event";
import type { ChatServer } from "@/lib/server/realtime/types";

export function roomMembershipHandlers(io: ChatServer): EventHandler[] {
  const create = onEvent("room:create", roomCreateSchema, async (socket, { name, visibility }) => {
    const { user } = socket.data;
    const room = await createRoom({ name, visibility, creatorId: user.id });
    await welcomeMember(io, user, room, 0);
    return { room: await summarizeRoom({ room, userId: user.id, lastReadSeq: 0 }) };
  });

  const invite = onEvent("room:invite", roomInviteSchema, async (socket, { room: slug, username }) => {
    const { user } = socket.data;
    const { room, lastReadSeq } = await memberRoom({ slug, userId: user.id });
    if (room.visibility === "direct") throw new AppError("invalid", "a direct conversation has exactly two people");
    const invitee = await findUserByUsername({ username });
    if (!invitee) throw new AppError("not_found", "no such user");
    const added = await addMember({ roomId: room.id, userId: invitee.id });
    if (added.created) await welcomeMember(io, invitee, room, added.lastReadSeq);
    return { room: await summarizeRoom({ room, userId: user.id, lastReadSeq }) };
  });

  const openDm = onEvent("dm:open", dmOpenSchema, async (socket, { username }) => {
    const { user } = socket.data;
    const { room, peer, created } = await openDirectRoom({ userId: user.id, peerUsername: username });
    if (created) {
      // Both sidebars show the new conversation at once (one person when writing to yourself).
      for (const person of peer.id === user.id ? [user] : [user, peer]) await welcomeMember(io, person, room, 0);
    }
    const { lastReadSeq } = await memberRoom({ slug: room.slug, userId: user.id });
    return { room: await summarizeRoom({ room, userId: user.id, lastReadSeq }) };
  });

  return [create, invite, openDm];
}
