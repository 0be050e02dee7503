import type { RawTx as Tx } from "@/lib/server/db/db-write";
import { SqlParams, type SqlColumn } from "@/lib/server/db/sql-params";

// The statements of one group commit (lib/server/messages/send-message.ts), each one round trip whatever the
// batch holds, run through the driver (lib/server/db/db-write.ts). Per-row Prisma queries cost a trip
// through the query engine each: a batch of n sends spread over many rooms used to make about 2n
// of them.

export interface NewMessageRow {
  roomId: number;
  seq: number;
  authorId: number;
  clientId: string;
  text: string;
  createdAt: Date;
  replyToSeq: number | null;
}

// The inserted columns: a new Message column is one more entry here and in NewMessageRow.
const MESSAGE_COLUMNS: readonly SqlColumn[] = [
  ["roomId", "integer"],
  ["seq", "integer"],
  ["authorId", "integer"],
  ["clientId", "text"],
  ["text", "text"],
  ["createdAt", "timestamp(3)"],
  ["replyToSeq", "integer"],
];

/** Inserts the rows; returns their ids keyed by `${roomId}:${seq}`. */
export async function insertMessageRows(tx: Tx, rows: readonly NewMessageRow[]): Promise<Map<string, number>> {
  const p = new SqlParams();
  const names = MESSAGE_COLUMNS.map(([name]) => `"${name}"`).join(", ");
  const sql = `INSERT INTO "Message" (${names}) SELECT ${names} FROM ${p.table(rows, MESSAGE_COLUMNS)} AS r RETURNING "id", "roomId", "seq"`;
  const inserted = await tx.$queryRawUnsafe<{ id: number; roomId: number; seq: number }[]>(sql, ...p.values);
  return new Map(inserted.map((r) => [`${r.roomId}:${r.seq}`, Number(r.id)]));
}

/**
 * Adds `count` to each room's lastSeq and returns the new values. On PostgreSQL the rooms were
 * locked in id order first (lib/server/messages/send-authorization.ts), so two servers' batches over the same
 * rooms cannot deadlock.
 */
export async function bumpRoomSeqs(tx: Tx, counts: ReadonlyMap<number, number>): Promise<Map<number, number>> {
  const rows = [...counts].map(([id, n]) => ({ id, n }));
  const columns: SqlColumn[] = [["id", "integer"], ["n", "integer"]];
  const p = new SqlParams();
  const sql =
    `UPDATE "Room" SET "lastSeq" = "Room"."lastSeq" + c."n", "updatedAt" = ${p.add(new Date())} ` +
    `FROM ${p.table(rows, columns)} AS c WHERE "Room"."id" = c."id" RETURNING "Room"."id", "Room"."lastSeq"`;
  const updated = await tx.$queryRawUnsafe<{ id: number; lastSeq: number }[]>(sql, ...p.values);
  return new Map(updated.map((r) => [Number(r.id), Number(r.lastSeq)]));
}

/** Moves each (room, user) read marker up to `seq`; never down. */
export async function raiseReadMarkers(tx: Tx, markers: readonly { roomId: number; userId: number; seq: number }[]): Promise<void> {
  if (markers.length === 0) return;
  const p = new SqlParams();
  const r = p.table(markers, [["roomId", "integer"], ["userId", "integer"], ["seq", "integer"]]);
  const sql =
    `UPDATE "Member" SET "lastReadSeq" = r."seq" FROM ${r} AS r ` +
    `WHERE "Member"."roomId" = r."roomId" AND "Member"."userId" = r."userId" AND "Member"."lastReadSeq" < r."seq"`;
  await tx.$executeRawUnsafe(sql, ...p.values);
}

/** Stores who each new message mentions (usernames as written, not looked up). */
export async function insertMentionRows(tx: Tx, rows: readonly { roomId: number; seq: number; username: string }[]): Promise<void> {
  if (rows.length === 0) return;
  const p = new SqlParams();
  const r = p.table(rows, [["roomId", "integer"], ["seq", "integer"], ["username", "text"]]);
  await tx.$executeRawUnsafe(`INSERT INTO "MessageMention" ("roomId", "seq", "username") SELECT "roomId", "seq", "username" FROM ${r} AS r`, ...p.values);
}

/** A message already stored under an (author, clientId) key: enough to read it whole. */
export interface SentMessageKey {
  roomId: number;
  slug: string;
  seq: number;
  authorId: number;
  clientId: string;
}

/** Messages already stored under these (author, clientId) keys. */
export async function findSentMessages(tx: Tx, keys: readonly { authorId: number; clientId: string }[]): Promise<SentMessageKey[]> {
  if (keys.length === 0) return [];
  const p = new SqlParams();
  const k = p.table(keys, [["authorId", "integer"], ["clientId", "text"]]);
  const sql =
    `SELECT m."roomId", r."slug", m."seq", m."authorId", m."clientId" ` +
    `FROM ${k} AS k JOIN "Message" m ON m."authorId" = k."authorId" AND m."clientId" = k."clientId" ` +
    `JOIN "Room" r ON r."id" = m."roomId"`;
  const rows = await tx.$queryRawUnsafe<SentMessageKey[]>(sql, ...p.values);
  return rows.map((row) => ({ ...row, roomId: Number(row.roomId), seq: Number(row.seq), authorId: Number(row.authorId) }));
}
