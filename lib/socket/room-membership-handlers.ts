import { openDirectRoom } from "@/lib/data/direct-rooms";
import { addMember } from "@/lib/data/members";
import { memberRoom } from "@/lib/data/room-access";
import { summarizeRoom } from "@/lib/data/room-summaries";
import { createRoom } from "@/lib/data/rooms";
import { findUserByUsername } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { dmOpenSchema, roomCreateSchema, roomInviteSchema } from "@/lib/protocol";
import { welcomeMember } from "@/lib/socket/membership";
import { onEvent } from "@/lib/socket/on-event";
import type { ChatServer, ChatSocket } from "@/lib/socket/types";

export function registerRoomMembershipHandlers(io: ChatServer, socket: ChatSocket): void {
  const { user } = socket.data;

  onEvent(socket, "room:create", roomCreateSchema, async ({ name, visibility }) => {
    const room = await createRoom({ name, visibility, creatorId: user.id });
    await welcomeMember(io, user, room, 0);
    return { room: await summarizeRoom({ room, userId: user.id, lastReadSeq: 0 }) };
  });

  onEvent(socket, "room:invite", roomInviteSchema, async ({ room: slug, username }) => {
    const { room, lastReadSeq } = await memberRoom({ slug, userId: user.id });
    if (room.visibility === "direct") throw new AppError("invalid", "a direct conversation has exactly two people");
    const invitee = await findUserByUsername({ username });
    if (!invitee) throw new AppError("not_found", "no such user");
    const added = await addMember({ roomId: room.id, userId: invitee.id });
    if (added.created) await welcomeMember(io, invitee, room, added.lastReadSeq);
    return { room: await summarizeRoom({ room, userId: user.id, lastReadSeq }) };
  });

  onEvent(socket, "dm:open", dmOpenSchema, async ({ username }) => {
    const { room, peer, created } = await openDirectRoom({ userId: user.id, peerUsername: username });
    if (created) {
      // Both sidebars show the new conversation at once (one person when writing to yourself).
      for (const person of peer.id === user.id ? [user] : [user, peer]) await welcomeMember(io, person, room, 0);
    }
    const { lastReadSeq } = await memberRoom({ slug: room.slug, userId: user.id });
    return { room: await summarizeRoom({ room, userId: user.id, lastReadSeq }) };
  });
}
