import { sql } from "kysely";
import { reader, writeTransaction, type Tx } from "@/lib/server/db/database";
import { env } from "@/lib/server/env";
import { replaceIndexRows, type IndexedMessage } from "@/lib/server/search/index-writes";

// What the indexer (indexer.ts) does in the database: which rooms are ahead of their SearchCursor,
// and their next batches indexed with their cursors moved, in one write transaction. A room's seq
// and rev are handed out under its lock and committed in order, so everything up to the room's
// lastSeq and lastRev read in the transaction is there: the cursor never skips a message.

/** Rooms whose messages or changes are not all indexed yet, at most `limit`. */
export async function listStaleRooms(input: { limit: number }): Promise<number[]> {
  const rows = await (await reader())
    .selectFrom("Room as r")
    .leftJoin("SearchCursor as c", "c.roomId", "r.id")
    .select("r.id")
    .where((eb) => eb.or([eb("r.lastSeq", ">", eb.fn.coalesce("c.seq", sql.lit(0))), eb("r.lastRev", ">", eb.fn.coalesce("c.rev", sql.lit(0)))]))
    .limit(input.limit)
    .execute();
  return rows.map((row) => row.id);
}

type Change = IndexedMessage & { seq: number; rev: number; deletedAt: string | null };

function changesOf(tx: Tx, roomId: number) {
  return tx.selectFrom("Message").select(["id", "roomId", "seq", "rev", "text", "deletedAt"]).where("roomId", "=", roomId);
}

// Any constant identifies the indexer's advisory locks on PostgreSQL; the room id is the other key.
const LOCK_SPACE = 15_001;

/** On PostgreSQL only one node indexes a room at a time; the others skip it. SQLite writes one at a time anyway. */
async function tryLockRoom(tx: Tx, roomId: number): Promise<boolean> {
  if (env.databaseProvider !== "postgresql") return true;
  const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${LOCK_SPACE}, ${roomId}) AS locked`.execute(tx);
  return rows[0]?.locked === true;
}

/** Indexes the room's next messages and changes (at most `batch` of each) and moves its cursor; returns how many it read. */
async function indexRoom(tx: Tx, roomId: number, batch: number): Promise<number> {
  if (!(await tryLockRoom(tx, roomId))) return 0;
  const room = await tx.selectFrom("Room").select(["lastSeq", "lastRev"]).where("id", "=", roomId).executeTakeFirst();
  if (!room) return 0;
  const cursor = (await tx.selectFrom("SearchCursor").select(["seq", "rev"]).where("roomId", "=", roomId).executeTakeFirst()) ?? { seq: 0, rev: 0 };
  // Bounded by what the room's counters said: on PostgreSQL (read committed) a later statement may
  // see sends committed since, whose rows the next pass takes with their cursor.
  const added: Change[] = await changesOf(tx, roomId).where("seq", ">", cursor.seq).where("seq", "<=", room.lastSeq).orderBy("seq").limit(batch).execute();
  const changed: Change[] = await changesOf(tx, roomId).where("rev", ">", cursor.rev).where("rev", "<=", room.lastRev).orderBy("rev").limit(batch).execute();
  const byId = new Map<number, Change>([...added, ...changed].map((m) => [m.id, m]));
  await replaceIndexRows(tx, { ids: [...byId.keys()], messages: [...byId.values()].filter((m) => m.deletedAt === null) });
  const next = {
    seq: added.length === batch ? added.at(-1)!.seq : room.lastSeq,
    rev: changed.length === batch ? changed.at(-1)!.rev : room.lastRev,
  };
  await tx
    .insertInto("SearchCursor")
    .values({ roomId, ...next })
    .onConflict((oc) => oc.column("roomId").doUpdateSet(next))
    .execute();
  return added.length + changed.length;
}

/**
 * Indexes rooms of `roomIds` in order, in one write transaction (one commit, one fsync, for many
 * quiet rooms), until about `batch` messages were read. Returns how many rooms it took (at least
 * one); a room with more to index stays ahead of its cursor for the next pass.
 */
export async function indexRooms(input: { roomIds: readonly number[]; batch: number }): Promise<number> {
  return writeTransaction(async (tx) => {
    let read = 0;
    let taken = 0;
    for (const roomId of input.roomIds) {
      if (taken > 0 && read >= input.batch) break;
      read += await indexRoom(tx, roomId, input.batch);
      taken++;
    }
    return taken;
  });
}
