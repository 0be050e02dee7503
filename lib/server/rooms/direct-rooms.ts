import { writeTransaction } from "@/lib/server/db/db";
import { retryOnConflict } from "@/lib/server/db/db-conflict";
import { AppError } from "@/lib/shared/errors";
import type { Author } from "@/lib/shared/protocol";
import { bumpMembershipVersion } from "@/lib/server/rooms/members";
import { roomFields, type Room } from "@/lib/server/rooms/rooms";
import { directSlug } from "@/lib/server/rooms/slug";

/**
 * The one direct conversation between `userId` and `peerUsername`, created on first use with
 * both as members. The same pair always resolves to the same room, whoever opens it.
 */
export function openDirectRoom(input: { userId: number; peerUsername: string }): Promise<{ room: Room; peer: Author; created: boolean }> {
  return retryOnConflict(() => writeTransaction(async (tx) => {
    const peer = await tx.user.findUnique({
      where: { username: input.peerUsername },
      select: { id: true, username: true, name: true },
    });
    if (!peer) throw new AppError("not_found", "no such user");
    const { slug, dmKey } = directSlug(input.userId, peer.id);
    const existing = await tx.room.findUnique({ where: { dmKey }, select: roomFields });
    if (existing) return { room: existing as Room, peer, created: false };
    const userIds = [...new Set([input.userId, peer.id])];
    const room = await tx.room.create({
      data: { slug, dmKey, name: "Direct conversation", visibility: "direct", members: { create: userIds.map((userId) => ({ userId })) } },
      select: roomFields,
    });
    await bumpMembershipVersion(tx, userIds);
    return { room: room as Room, peer, created: true };
  }));
}
