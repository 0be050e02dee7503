import type { RawTx as Tx } from "@/lib/server/db/db-write";
import { SqlParams } from "@/lib/server/db/sql-params";

// The group commit's authorization (lib/server/messages/send-message.ts): membership is read inside the
// batch's own transaction, one statement whatever the batch holds, so a send costs no read of its
// own and a leave that another node committed counts at once, whether or not its message arrived.

/**
 * PostgreSQL: locks the batch's rooms in id order (two nodes' batches over the same rooms cannot
 * deadlock). removeMember takes the same lock, so the membership read after it is a clean cut.
 * SQLite runs one write transaction at a time: nothing to lock.
 */
export async function lockRoomsForSend(tx: Tx, roomIds: readonly number[]): Promise<void> {
  const p = new SqlParams();
  if (!p.postgres) return;
  const ids = p.ids([...new Set(roomIds)]);
  await tx.$queryRawUnsafe(`SELECT "id" FROM "Room" WHERE "id" IN ${ids} ORDER BY "id" FOR UPDATE`, ...p.values);
}

/** Of these (room, user) pairs, the memberships that exist, keyed `${roomId}:${userId}`. */
export async function memberPairs(tx: Tx, pairs: readonly { roomId: number; userId: number }[]): Promise<Set<string>> {
  const p = new SqlParams();
  const c = p.table(pairs, [["roomId", "integer"], ["userId", "integer"]]);
  const sql = `SELECT DISTINCT m."roomId", m."userId" FROM ${c} AS c JOIN "Member" m ON m."roomId" = c."roomId" AND m."userId" = c."userId"`;
  const rows = await tx.$queryRawUnsafe<{ roomId: number; userId: number }[]>(sql, ...p.values);
  return new Set(rows.map((r) => `${Number(r.roomId)}:${Number(r.userId)}`));
}
