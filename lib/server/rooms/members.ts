import { reader, readRows, writeTransaction, type Tx } from "@/lib/server/db/db";
import { retryOnConflict } from "@/lib/server/db/db-conflict";
import { SqlParams } from "@/lib/server/db/sql-params";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/shared/errors";
import type { Author } from "@/lib/shared/protocol";

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
 * Whether the user is a member now: one primary-key read through the driver. Every room action
 * asks the database, never the socket's subscriptions, which a lost adapter message leaves stale.
 */
export async function isMember(input: { roomId: number; userId: number }): Promise<boolean> {
  const p = new SqlParams();
  const sql = `SELECT 1 FROM "Member" WHERE "roomId" = ${p.add(input.roomId)} AND "userId" = ${p.add(input.userId)}`;
  return (await readRows({ sql, params: p.values })).length > 0;
}

/** Every node's sweep re-reads the rooms of a user whose membership version moved: bump it with each change. */
export async function bumpMembershipVersion(tx: Tx, userIds: number[]): Promise<void> {
  await tx.user.updateMany({ where: { id: { in: userIds } }, data: { membershipVersion: { increment: 1 } } });
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
    await bumpMembershipVersion(tx, [input.userId]);
    return { lastReadSeq: room.lastSeq, created: true };
  }));
}

/**
 * Ends a membership. On PostgreSQL the room row is locked first, as the send batch locks it
 * before checking membership (lib/server/messages/message-batch-sql.ts): a send commits entirely before the
 * leave or is refused after it, a clean cut. SQLite runs one write at a time anyway.
 */
export function removeMember(input: { roomId: number; userId: number }): Promise<boolean> {
  return writeTransaction(async (tx) => {
    if (env.databaseProvider === "postgresql") await tx.$queryRaw`SELECT "id" FROM "Room" WHERE "id" = ${input.roomId} FOR UPDATE`;
    const removed = (await tx.member.deleteMany({ where: input })).count > 0;
    if (removed) await bumpMembershipVersion(tx, [input.userId]);
    return removed;
  });
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

/** Ids per query: under every provider's bound on query parameters (SQLite's is the lowest). */
const ID_CHUNK = 500;

/** Of `userIds`, the ones who are members of the room, by name. Any number of ids. */
export async function filterMembers(input: { roomId: number; userIds: number[] }): Promise<Author[]> {
  const db = await reader();
  const chunks: number[][] = [];
  for (let i = 0; i < input.userIds.length; i += ID_CHUNK) chunks.push(input.userIds.slice(i, i + ID_CHUNK));
  const found = await Promise.all(
    chunks.map((ids) =>
      db.member.findMany({
        where: { roomId: input.roomId, userId: { in: ids } },
        select: { user: { select: { id: true, username: true, name: true } } },
      }),
    ),
  );
  return found
    .flat()
    .map((r) => r.user)
    .sort((a, b) => a.name.localeCompare(b.name));
}
