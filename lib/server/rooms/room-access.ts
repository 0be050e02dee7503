import { AppError } from "@/lib/shared/errors";
import { addMember, findMembership } from "@/lib/server/rooms/members";
import { findRoom, type Room } from "@/lib/server/rooms/rooms";

/**
 * The room at `slug` if `userId` may read it, joining a public room on first visit. A private
 * room or conversation the user is not in answers exactly as a missing room would: not_found.
 */
export async function openRoom(input: { slug: string; userId: number }): Promise<{ room: Room; lastReadSeq: number; joined: boolean }> {
  const room = await findRoom({ slug: input.slug });
  if (!room) throw new AppError("not_found", "no such room");
  const membership = await findMembership({ roomId: room.id, userId: input.userId });
  if (membership) return { room, lastReadSeq: membership.lastReadSeq, joined: false };
  if (room.visibility !== "public") throw new AppError("not_found", "no such room");
  const { lastReadSeq, created } = await addMember({ roomId: room.id, userId: input.userId });
  return { room, lastReadSeq, joined: created };
}

/**
 * What the room page shows: the room at `slug` if `userId` may read it, without joining it
 * (the page's socket joins, so that every tab of the user learns of it). Newcomers to a public
 * room see everything as read.
 */
export async function peekRoom(input: { slug: string; userId: number }): Promise<{ room: Room; lastReadSeq: number }> {
  const room = await findRoom({ slug: input.slug });
  const membership = room && (await findMembership({ roomId: room.id, userId: input.userId }));
  if (room && membership) return { room, lastReadSeq: membership.lastReadSeq };
  if (room?.visibility === "public") return { room, lastReadSeq: room.lastSeq };
  throw new AppError("not_found", "no such room");
}

/** The room at `slug` if `userId` is a member of it; for actions only members may take. */
export async function memberRoom(input: { slug: string; userId: number }): Promise<{ room: Room; lastReadSeq: number }> {
  const room = await findRoom({ slug: input.slug });
  const membership = room && (await findMembership({ roomId: room.id, userId: input.userId }));
  if (!room || !membership) throw new AppError("not_found", "no such room");
  return { room, lastReadSeq: membership.lastReadSeq };
}
