import { dialect, type Tx } from "@/lib/server/db/database";
import { jsonList, jsonTable } from "@/lib/server/db/json-rows";
import { prepare } from "@/lib/server/db/prepared";

// The group commit's authorization (lib/server/messages/send-message.ts): membership is read inside the
// batch's own transaction, one statement whatever the batch holds, so a send costs no read of its
// own and a leave that another node committed counts at once, whether or not its message arrived.

/**
 * PostgreSQL: locks the batch's rooms in id order (two nodes' batches over the same rooms cannot
 * deadlock). removeMember takes the same lock, so the membership read after it is a clean cut.
 * SQLite runs one write transaction at a time: nothing to lock.
 */
export async function lockRoomsForSend(tx: Tx, roomIds: readonly number[]): Promise<void> {
  if (dialect() === "postgresql") await lockRooms(tx, { ids: JSON.stringify([...new Set(roomIds)]) });
}

// Both run in every group commit: prepared once (lib/server/db/prepared.ts).
const lockRooms = prepare((tx, v: { ids: string }) =>
  tx.selectFrom("Room").select("id").where("id", "in", jsonList<number>(v.ids, "integer")).orderBy("id").forUpdate(),
);
const selectMemberPairs = prepare((tx, v: { pairs: string }) =>
  tx
    .selectFrom(jsonTable<{ roomId: number; userId: number }, "c">(v.pairs, { roomId: "integer", userId: "integer" }, "c"))
    .innerJoin("Member as m", (join) => join.onRef("m.roomId", "=", "c.roomId").onRef("m.userId", "=", "c.userId"))
    .select(["m.roomId", "m.userId"])
    .distinct(),
);

/** Of these (room, user) pairs, the memberships that exist, keyed `${roomId}:${userId}`. */
export async function memberPairs(tx: Tx, pairs: readonly { roomId: number; userId: number }[]): Promise<Set<string>> {
  const rows = await selectMemberPairs(tx, { pairs: JSON.stringify(pairs) });
  return new Set(rows.map((r) => `${r.roomId}:${r.userId}`));
}
