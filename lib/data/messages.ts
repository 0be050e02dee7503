import { reader } from "@/lib/db";
import { SqlParams } from "@/lib/data/sql-params";
import type { ChatMessage } from "@/lib/protocol";

interface MessageRow {
  id: number;
  seq: number;
  clientId: string;
  text: string;
  createdAt: Date;
  author: ChatMessage["author"];
}

export function toChatMessage(room: string, row: MessageRow): ChatMessage {
  return {
    id: row.id,
    room,
    seq: row.seq,
    clientId: row.clientId,
    text: row.text,
    createdAt: row.createdAt.toISOString(),
    author: row.author,
  };
}

interface ListInput {
  room: { id: number; slug: string };
  /** Messages with seq > since, oldest first. */
  since?: number;
  /** Messages with seq < before, the newest of them, returned oldest first. */
  before?: number;
  limit: number;
}

// A page as one raw join (message with its author) rather than findMany with a relation: Prisma's
// client engine ran two queries and built several objects per row and field, and the garbage of a
// busy history reader, not the query, made its p99 (docs/benchmarks.md).
const PAGE_COLUMNS =
  `m."id", m."seq", m."clientId", m."text", m."createdAt", m."authorId", u."username", u."name"`;

interface PageRow {
  id: number;
  seq: number;
  clientId: string;
  text: string;
  createdAt: Date | string;
  authorId: number;
  username: string;
  name: string;
}

/**
 * One page of a room's messages in ascending seq. Without `since` it is the newest page (before
 * `before` when given); with `since` it is the oldest page after it, which is what catch-up needs.
 */
export async function listMessages(input: ListInput): Promise<ChatMessage[]> {
  const db = await reader();
  const forward = input.since !== undefined;
  const p = new SqlParams();
  const where = [`m."roomId" = ${p.add(input.room.id)}`];
  if (forward) where.push(`m."seq" > ${p.add(input.since)}`);
  else if (input.before !== undefined) where.push(`m."seq" < ${p.add(input.before)}`);
  const sql =
    `SELECT ${PAGE_COLUMNS} FROM "Message" m JOIN "User" u ON u."id" = m."authorId" ` +
    `WHERE ${where.join(" AND ")} ORDER BY m."seq" ${forward ? "ASC" : "DESC"} LIMIT ${p.add(input.limit)}`;
  const rows = await db.$queryRawUnsafe<PageRow[]>(sql, ...p.values);
  if (!forward) rows.reverse();
  return rows.map((row) => ({
    id: row.id,
    room: input.room.slug,
    seq: row.seq,
    clientId: row.clientId,
    text: row.text,
    createdAt: new Date(row.createdAt).toISOString(),
    author: { id: row.authorId, username: row.username, name: row.name },
  }));
}
