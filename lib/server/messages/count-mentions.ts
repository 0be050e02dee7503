import { reader } from "@/lib/server/db/database";

// Unread mentions: stored mentions of the user's username in messages after a read marker.
// Mentions are stored by username (no lookup on the send path), so the user's row joins them.
// PostgreSQL's COUNT is a bigint, which its driver hands over as text: Number() for both.

/** Unread mentions of `userId` in one room: messages with seq > afterSeq. */
export async function countRoomMentions(input: { roomId: number; userId: number; afterSeq: number }): Promise<number> {
  const db = await reader();
  const row = await db
    .selectFrom("MessageMention as mm")
    .innerJoin("User as u", "u.username", "mm.username")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("u.id", "=", input.userId)
    .where("mm.roomId", "=", input.roomId)
    .where("mm.seq", ">", input.afterSeq)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Unread mentions of `userId` in each of their rooms (rooms without any are left out). */
export async function countMentionsByRoom(input: { userId: number }): Promise<Map<number, number>> {
  const db = await reader();
  const rows = await db
    .selectFrom("MessageMention as mm")
    .innerJoin("User as u", "u.username", "mm.username")
    .innerJoin("Member as m", (join) => join.onRef("m.roomId", "=", "mm.roomId").onRef("m.userId", "=", "u.id"))
    .select((eb) => ["mm.roomId", eb.fn.countAll().as("n")])
    .where("u.id", "=", input.userId)
    .whereRef("mm.seq", ">", "m.lastReadSeq")
    .groupBy("mm.roomId")
    .execute();
  return new Map(rows.map((r) => [r.roomId, Number(r.n)]));
}
