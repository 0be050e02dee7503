import { reader, readRows } from "@/lib/server/db/db";
import { SqlParams } from "@/lib/server/db/sql-params";
import { completePage, PAGE_COLUMNS } from "@/lib/server/messages/message-page";
import type { ChatMessage } from "@/lib/shared/protocol";
import { readMessages } from "@/lib/server/messages/read-messages";

// The row mapping lives in message-row.ts; re-exported for the send path, which imports it from here.
export { messageFields, toChatMessage } from "@/lib/server/messages/message-row";

interface ListInput {
  room: { id: number; slug: string };
  /** Messages with seq > since, oldest first. */
  since?: number;
  /** Messages with seq < before, the newest of them, returned oldest first. */
  before?: number;
  limit: number;
}

// A page as one raw join (message with its author) read through the driver (lib/server/db/db-read.ts),
// not Prisma: its client engine ran several queries and built several objects per row and field,
// and the garbage of a busy history reader, not the query, made its p99 (docs/benchmarks.md).
// Reactions and reply previews are read afterwards, only for the rows that have them.

/**
 * One page of a room's messages in ascending seq. Without `since` it is the newest page (before
 * `before` when given); with `since` it is the oldest page after it, which is what catch-up needs.
 */
export async function listMessages(input: ListInput): Promise<ChatMessage[]> {
  const forward = input.since !== undefined;
  const p = new SqlParams();
  const where = [`m."roomId" = ${p.add(input.room.id)}`];
  if (forward) where.push(`m."seq" > ${p.add(input.since)}`);
  else if (input.before !== undefined) where.push(`m."seq" < ${p.add(input.before)}`);
  const sql =
    `SELECT ${PAGE_COLUMNS} FROM "Message" m JOIN "User" u ON u."id" = m."authorId" ` +
    `WHERE ${where.join(" AND ")} ORDER BY m."seq" ${forward ? "ASC" : "DESC"} LIMIT ${p.add(input.limit)}`;
  const rows = await readRows({ sql, params: p.values });
  if (!forward) rows.reverse();
  return completePage(input.room, rows);
}

/** Messages of a room changed (edited, deleted, reactions) after revision `sinceRev`, by ascending rev. */
export async function listChanges(input: { room: { id: number; slug: string }; sinceRev: number; limit: number }): Promise<ChatMessage[]> {
  const db = await reader();
  return readMessages(db, input.room, { where: { rev: { gt: input.sinceRev } }, orderBy: { rev: "asc" }, take: input.limit });
}

/** One message of a room by seq, or null. */
export async function findMessage(input: { room: { id: number; slug: string }; seq: number }): Promise<ChatMessage | null> {
  const db = await reader();
  const [message] = await readMessages(db, input.room, { where: { seq: input.seq }, take: 1 });
  return message ?? null;
}
