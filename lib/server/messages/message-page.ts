import type { Db } from "@/lib/server/db/database";
import { jsonList } from "@/lib/server/db/json-rows";
import { prepare } from "@/lib/server/db/prepared";
import { readMentions, readPreviews, readReactions, type PageSeqs } from "@/lib/server/messages/message-extras";
import { toChatMessage, type MessageRow } from "@/lib/server/messages/message-row";
import type { ChatMessage, ReplyPreview } from "@/lib/shared/protocol";

// The one way messages are read, whatever picks them (a history page, a catch-up, changes since a
// revision, one message by seq), on the reader or inside a write transaction: one query for the
// messages with their authors, then what they carry from other tables (message-extras.ts), each
// in one query for the page: mentions, reactions only for messages that changed (rev > 0),
// previews only for replies.

/** A room's messages joined with their authors, the columns MessageRow holds. The caller picks and orders them. */
export function messageQuery(db: Db, roomId: number) {
  return db
    .selectFrom("Message as m")
    .innerJoin("User as u", "u.id", "m.authorId")
    .select(["m.id", "m.seq", "m.clientId", "m.text", "m.createdAt", "m.rev", "m.editedAt", "m.deletedAt", "m.replyToSeq", "m.authorId", "u.username", "u.name"])
    .where("m.roomId", "=", roomId);
}

type PickValues = { room: number; cursor?: number; limit?: number; seqs?: string };

// The ways messages are picked, each prepared once (lib/server/db/prepared.ts): building and
// compiling the page query took more CPU and garbage than running it (bench/history.ts).
// `consecutive`: a page holds every message of the room between its first and last seq, so its
// mentions are one range of MessageMention's key.
const PICKS = {
  after: { consecutive: true, query: prepare((db, v: PickValues) => messageQuery(db, v.room).where("m.seq", ">", v.cursor!).orderBy("m.seq", "asc").limit(v.limit!)) },
  before: { consecutive: true, query: prepare((db, v: PickValues) => messageQuery(db, v.room).where("m.seq", "<", v.cursor!).orderBy("m.seq", "desc").limit(v.limit!)) },
  newest: { consecutive: true, query: prepare((db, v: PickValues) => messageQuery(db, v.room).orderBy("m.seq", "desc").limit(v.limit!)) },
  changes: { consecutive: false, query: prepare((db, v: PickValues) => messageQuery(db, v.room).where("m.rev", ">", v.cursor!).orderBy("m.rev", "asc").limit(v.limit!)) },
  seq: { consecutive: true, query: prepare((db, v: PickValues) => messageQuery(db, v.room).where("m.seq", "=", v.cursor!)) },
  // Scattered messages (search results), `seqs` a JSON array: in no particular order.
  seqs: { consecutive: false, query: prepare((db, v: PickValues) => messageQuery(db, v.room).where("m.seq", "in", jsonList<number>(v.seqs, "integer"))) },
};

/** Which messages to read: `cursor` is the seq (or rev, for changes) the pick starts from; `seqs` those `by: "seqs"` reads. */
export interface MessagePick {
  by: keyof typeof PICKS;
  cursor?: number;
  limit?: number;
  seqs?: readonly number[];
}

/** The messages `pick` selects of the room, in its order, as the wire shows them. */
export async function readMessages(db: Db, room: { id: number; slug: string }, pick: MessagePick): Promise<ChatMessage[]> {
  const { consecutive, query } = PICKS[pick.by];
  const rows: MessageRow[] = await query(db, { room: room.id, cursor: pick.cursor, limit: pick.limit, seqs: pick.seqs && JSON.stringify(pick.seqs) });
  if (rows.length === 0) return [];
  const changed: number[] = [];
  const parentSeqs = new Set<number>();
  for (const row of rows) {
    if (row.rev > 0) changed.push(row.id);
    if (row.replyToSeq !== null) parentSeqs.add(row.replyToSeq);
  }
  const [mentions, reactions, previews] = await Promise.all([
    readMentions(db, room.id, seqsOf(rows, consecutive)),
    changed.length > 0 ? readReactions(db, changed) : NO_REACTIONS,
    parentSeqs.size > 0 ? readPreviews(db, room.id, [...parentSeqs]) : NO_PREVIEWS,
  ]);
  return rows.map((row) =>
    toChatMessage(room.slug, row, {
      reactions: reactions.get(row.id) ?? [],
      replyTo: row.replyToSeq === null ? null : (previews.get(row.replyToSeq) ?? null),
      mentions: mentions.get(row.seq) ?? NO_MENTIONS,
    }),
  );
}

/** The room's message `seq`, or null. */
export async function readMessage(db: Db, room: { id: number; slug: string }, seq: number): Promise<ChatMessage | null> {
  const [message] = await readMessages(db, room, { by: "seq", cursor: seq });
  return message ?? null;
}

function seqsOf(rows: readonly MessageRow[], consecutive: boolean): PageSeqs {
  if (!consecutive) return { seqs: rows.map((row) => row.seq) };
  const first = rows[0]!.seq;
  const last = rows.at(-1)!.seq;
  return { from: Math.min(first, last), to: Math.max(first, last) };
}

const NO_REACTIONS = new Map<number, ChatMessage["reactions"]>();
const NO_PREVIEWS = new Map<number, ReplyPreview>();
const NO_MENTIONS: readonly string[] = [];
