import type { Tx } from "@/lib/server/db/database";
import { storedDate } from "@/lib/server/db/dates";
import { jsonTable, type JsonColumns } from "@/lib/server/db/json-rows";
import { prepare } from "@/lib/server/db/prepared";

// The statements of one group commit (lib/server/messages/send-message.ts), each one round trip
// whatever the batch holds: the batch's rows go as one JSON parameter (lib/server/db/json-rows.ts),
// so a statement's text is the same for any batch (prepared once) and no limit on bound
// parameters caps it. A statement per row would make about 2n round trips for n sends. Each is
// prepared once (lib/server/db/prepared.ts): every batch runs them all.

export interface NewMessageRow {
  roomId: number;
  seq: number;
  authorId: number;
  clientId: string;
  text: string;
  /** As stored (storedDate): the message just sent is mapped from this row too. */
  createdAt: string;
  replyToSeq: number | null;
}

// The inserted columns: a new Message column is one more entry here and in NewMessageRow.
const MESSAGE_COLUMNS: JsonColumns<NewMessageRow> = {
  roomId: "integer",
  seq: "integer",
  authorId: "integer",
  clientId: "text",
  text: "text",
  createdAt: "timestamp",
  replyToSeq: "integer",
};
const MESSAGE_NAMES = Object.keys(MESSAGE_COLUMNS) as (keyof NewMessageRow)[];

const insertMessages = prepare((tx, v: { rows: string }) =>
  tx
    .insertInto("Message")
    .columns(MESSAGE_NAMES)
    .expression(tx.selectFrom(jsonTable(v.rows, MESSAGE_COLUMNS, "r")).select(MESSAGE_NAMES))
    .returning(["id", "roomId", "seq"]),
);

/** Inserts the rows; returns their ids keyed by `${roomId}:${seq}`. */
export async function insertMessageRows(tx: Tx, rows: readonly NewMessageRow[]): Promise<Map<string, number>> {
  const inserted = await insertMessages(tx, { rows: JSON.stringify(rows) });
  return new Map(inserted.map((r) => [`${r.roomId}:${r.seq}`, r.id]));
}

const bumpSeqs = prepare((tx, v: { counts: string; now: string }) =>
  tx
    .updateTable("Room")
    .from(jsonTable<{ id: number; n: number }, "c">(v.counts, { id: "integer", n: "integer" }, "c"))
    .set((eb) => ({ lastSeq: eb("Room.lastSeq", "+", eb.ref("c.n")), updatedAt: v.now }))
    .whereRef("Room.id", "=", "c.id")
    .returning(["Room.id", "Room.lastSeq"]),
);

/**
 * Adds `count` to each room's lastSeq and returns the new values. On PostgreSQL the rooms were
 * locked in id order first (lib/server/messages/send-authorization.ts), so two servers' batches
 * over the same rooms cannot deadlock.
 */
export async function bumpRoomSeqs(tx: Tx, counts: ReadonlyMap<number, number>): Promise<Map<number, number>> {
  const rows = [...counts].map(([id, n]) => ({ id, n }));
  const updated = await bumpSeqs(tx, { counts: JSON.stringify(rows), now: storedDate() });
  return new Map(updated.map((r) => [r.id, r.lastSeq]));
}

type ReadMarker = { roomId: number; userId: number; seq: number };

const raiseMarkers = prepare((tx, v: { markers: string }) =>
  tx
    .updateTable("Member")
    .from(jsonTable<ReadMarker, "r">(v.markers, { roomId: "integer", userId: "integer", seq: "integer" }, "r"))
    .set((eb) => ({ lastReadSeq: eb.ref("r.seq") }))
    .whereRef("Member.roomId", "=", "r.roomId")
    .whereRef("Member.userId", "=", "r.userId")
    .whereRef("Member.lastReadSeq", "<", "r.seq"),
);

/** Moves each (room, user) read marker up to `seq`; never down. */
export async function raiseReadMarkers(tx: Tx, markers: readonly ReadMarker[]): Promise<void> {
  if (markers.length > 0) await raiseMarkers(tx, { markers: JSON.stringify(markers) });
}

type MentionRow = { roomId: number; seq: number; username: string };

const insertMentions = prepare((tx, v: { rows: string }) =>
  tx
    .insertInto("MessageMention")
    .columns(["roomId", "seq", "username"])
    .expression(tx.selectFrom(jsonTable<MentionRow, "r">(v.rows, { roomId: "integer", seq: "integer", username: "text" }, "r")).select(["roomId", "seq", "username"])),
);

/** Stores who each message mentions (usernames as written, not looked up): at send and at edit. */
export async function insertMentionRows(tx: Tx, rows: readonly MentionRow[]): Promise<void> {
  if (rows.length > 0) await insertMentions(tx, { rows: JSON.stringify(rows) });
}

/** A message already stored under an (author, clientId) key: enough to read it whole. */
export interface SentMessageKey {
  roomId: number;
  slug: string;
  seq: number;
  authorId: number;
  clientId: string;
}

type SendKey = { authorId: number; clientId: string };

const selectSent = prepare((tx, v: { keys: string }) =>
  tx
    .selectFrom(jsonTable<SendKey, "k">(v.keys, { authorId: "integer", clientId: "text" }, "k"))
    .innerJoin("Message as m", (join) => join.onRef("m.authorId", "=", "k.authorId").onRef("m.clientId", "=", "k.clientId"))
    .innerJoin("Room as r", "r.id", "m.roomId")
    .select(["m.roomId", "r.slug", "m.seq", "m.authorId", "m.clientId"]),
);

/** Messages already stored under these (author, clientId) keys. */
export async function findSentMessages(tx: Tx, keys: readonly SendKey[]): Promise<SentMessageKey[]> {
  return keys.length === 0 ? [] : selectSent(tx, { keys: JSON.stringify(keys) });
}
