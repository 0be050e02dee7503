import { reader } from "@/lib/server/db/db";

// Unread mentions: stored mentions of the user's username in messages after a read marker.
// Mentions are stored by username (no lookup on the send path), so the user's row joins them.
// Raw SQL because the count compares two columns (seq > Member.lastReadSeq) across tables; the
// quoted identifiers are the same on SQLite and PostgreSQL.

/** Unread mentions of `userId` in one room: messages with seq > afterSeq. */
export async function countRoomMentions(input: { roomId: number; userId: number; afterSeq: number }): Promise<number> {
  const db = await reader();
  const rows = await db.$queryRaw<{ n: number | bigint }[]>`
    SELECT COUNT(*) AS n FROM "MessageMention" mm JOIN "User" u ON u."username" = mm."username"
    WHERE u."id" = ${input.userId} AND mm."roomId" = ${input.roomId} AND mm."seq" > ${input.afterSeq}`;
  return Number(rows[0]?.n ?? 0);
}

/** Unread mentions of `userId` in each of their rooms (rooms without any are left out). */
export async function countMentionsByRoom(input: { userId: number }): Promise<Map<number, number>> {
  const db = await reader();
  const rows = await db.$queryRaw<{ roomId: number; n: number | bigint }[]>`
    SELECT mm."roomId" AS "roomId", COUNT(*) AS n FROM "MessageMention" mm
    JOIN "User" u ON u."username" = mm."username"
    JOIN "Member" m ON m."roomId" = mm."roomId" AND m."userId" = u."id"
    WHERE u."id" = ${input.userId} AND mm."seq" > m."lastReadSeq"
    GROUP BY mm."roomId"`;
  return new Map(rows.map((r) => [Number(r.roomId), Number(r.n)]));
}
