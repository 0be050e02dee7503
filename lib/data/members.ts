import { reader, writeTransaction } from "@/lib/db";
import { retryOnConflict } from "@/lib/db-conflict";
import { AppError } from "@/lib/errors";
import type { Author } from "@/lib/protocol";

export interface Membership {
  roomId: number;
  userId: number;
  lastReadSeq: number;
}

export async function findMembership(input: { roomId: number; userId: number }): Promise<Membership | null> {
  const db = await reader();
  return db.member.findUnique({
    where: { roomId_userId: { roomId: input.roomId, userId: input.userId } },
    select: { roomId: true, userId: true, lastReadSeq: true },
  });
}

/**
 * Makes the user a member. A newcomer starts with everything already there marked read: the
 * history is theirs to scroll, not a wall of unread. `created` is false when they already were.
 */
export function addMember(input: { roomId: number; userId: number }): Promise<{ lastReadSeq: number; created: boolean }> {
  return retryOnConflict(() => writeTransaction(async (tx) => {
    const existing = await tx.member.findUnique({ where: { roomId_userId: input }, select: { lastReadSeq: true } });
    if (existing) return { lastReadSeq: existing.lastReadSeq, created: false };
    const room = await tx.room.findUniqueOrThrow({ where: { id: input.roomId }, select: { lastSeq: true } });
    await tx.member.create({ data: { ...input, lastReadSeq: room.lastSeq } });
    return { lastReadSeq: room.lastSeq, created: true };
  }));
}

export function removeMember(input: { roomId: number; userId: number }): Promise<boolean> {
  return writeTransaction(async (tx) => (await tx.member.deleteMany({ where: input })).count > 0);
}

/** Moves the read marker forward (never back, never past the room's last message). */
export function markRead(input: { roomId: number; userId: number; seq: number }): Promise<number> {
  return writeTransaction(async (tx) => {
    const room = await tx.room.findUniqueOrThrow({ where: { id: input.roomId }, select: { lastSeq: true } });
    const seq = Math.min(input.seq, room.lastSeq);
    await tx.member.updateMany({
      where: { roomId: input.roomId, userId: input.userId, lastReadSeq: { lt: seq } },
      data: { lastReadSeq: seq },
    });
    const member = await tx.member.findUnique({
      where: { roomId_userId: { roomId: input.roomId, userId: input.userId } },
      select: { lastReadSeq: true },
    });
    if (!member) throw new AppError("not_found", "no such room");
    return member.lastReadSeq;
  });
}

/** Of `userIds`, the ones who are members of the room. */
export async function filterMembers(input: { roomId: number; userIds: number[] }): Promise<Author[]> {
  if (input.userIds.length === 0) return [];
  const db = await reader();
  const rows = await db.member.findMany({
    where: { roomId: input.roomId, userId: { in: input.userIds } },
    select: { user: { select: { id: true, username: true, name: true } } },
  });
  return rows.map((r) => r.user).sort((a, b) => a.name.localeCompare(b.name));
}
