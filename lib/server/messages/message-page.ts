import type { Db } from "@/lib/server/db/database";
import { jsonIds } from "@/lib/server/db/json-rows";
import { groupReactions, toChatMessage, toReplyPreview, type MessageRow } from "@/lib/server/messages/message-row";
import type { Author, ChatMessage, ReplyPreview } from "@/lib/shared/protocol";

// The one way messages are read, whatever picks them (a history page, a catch-up, changes since a
// revision, one message by seq), on the reader or inside a write transaction: one query for the
// messages with their authors, then what only some of them have, each in one query for the page:
// reactions only for messages that changed (rev > 0), previews only for replies, and mentions
// (MessageMention, their one source) for the page's seqs.

/** A room's messages joined with their authors, the columns MessageRow holds; the caller picks and orders. */
export function messageQuery(db: Db, roomId: number) {
  return db
    .selectFrom("Message as m")
    .innerJoin("User as u", "u.id", "m.authorId")
    .select(["m.id", "m.seq", "m.clientId", "m.text", "m.createdAt", "m.rev", "m.editedAt", "m.deletedAt", "m.replyToSeq", "m.authorId", "u.username", "u.name"])
    .where("m.roomId", "=", roomId);
}

export type MessageQuery = ReturnType<typeof messageQuery>;

/** The messages `pick` selects of the room, in its order, as the wire shows them. */
export async function readMessages(db: Db, room: { id: number; slug: string }, pick: (query: MessageQuery) => MessageQuery): Promise<ChatMessage[]> {
  const rows: MessageRow[] = await pick(messageQuery(db, room.id)).execute();
  if (rows.length === 0) return [];
  const changed: number[] = [];
  const parentSeqs = new Set<number>();
  for (const row of rows) {
    if (row.rev > 0) changed.push(row.id);
    if (row.replyToSeq !== null) parentSeqs.add(row.replyToSeq);
  }
  const [reactions, previews, mentions] = await Promise.all([
    changed.length > 0 ? readReactions(db, changed) : NO_REACTIONS,
    parentSeqs.size > 0 ? readPreviews(db, room.id, [...parentSeqs]) : NO_PREVIEWS,
    readMentions(db, room.id, rows.map((row) => row.seq)),
  ]);
  return rows.map((row) =>
    toChatMessage(room.slug, row, {
      reactions: reactions.get(row.id) ?? [],
      replyTo: row.replyToSeq === null ? null : (previews.get(row.replyToSeq) ?? null),
      mentions: mentions.get(row.seq) ?? [],
    }),
  );
}

/** The room's message `seq`, or null. */
export async function readMessage(db: Db, room: { id: number; slug: string }, seq: number): Promise<ChatMessage | null> {
  const [message] = await readMessages(db, room, (q) => q.where("m.seq", "=", seq));
  return message ?? null;
}

const NO_REACTIONS = new Map<number, ChatMessage["reactions"]>();
const NO_PREVIEWS = new Map<number, ReplyPreview>();

/** Reactions per message id, each message's grouped by emoji in the order they were given. */
async function readReactions(db: Db, messageIds: readonly number[]): Promise<Map<number, ChatMessage["reactions"]>> {
  const rows = await db
    .selectFrom("Reaction as r")
    .innerJoin("User as u", "u.id", "r.userId")
    .select(["r.messageId", "r.emoji", "u.id", "u.username", "u.name"])
    .where("r.messageId", "in", jsonIds(messageIds))
    .orderBy("r.createdAt", "asc")
    .orderBy("r.userId", "asc")
    .execute();
  const byMessage = new Map<number, { emoji: string; user: Author }[]>();
  for (const { messageId, emoji, id, username, name } of rows) {
    const list = byMessage.get(messageId);
    const reaction = { emoji, user: { id, username, name } };
    if (list) list.push(reaction);
    else byMessage.set(messageId, [reaction]);
  }
  return new Map([...byMessage].map(([id, list]) => [id, groupReactions(list)]));
}

/** Previews of the room's messages with these seqs, by seq (a reply quotes its parent by seq). */
export async function readPreviews(db: Db, roomId: number, seqs: readonly number[]): Promise<Map<number, ReplyPreview>> {
  const rows = await db
    .selectFrom("Message as m")
    .innerJoin("User as u", "u.id", "m.authorId")
    .select(["m.seq", "m.text", "m.deletedAt", "m.authorId", "u.username", "u.name"])
    .where("m.roomId", "=", roomId)
    .where("m.seq", "in", jsonIds(seqs))
    .execute();
  return new Map(rows.map((row) => [row.seq, toReplyPreview(row)]));
}

/** The stored mentions of the room's messages with these seqs, by seq. */
async function readMentions(db: Db, roomId: number, seqs: readonly number[]): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom("MessageMention")
    .select(["seq", "username"])
    .where("roomId", "=", roomId)
    .where("seq", "in", jsonIds(seqs))
    .execute();
  const bySeq = new Map<number, string[]>();
  for (const { seq, username } of rows) {
    const list = bySeq.get(seq);
    if (list) list.push(username);
    else bySeq.set(seq, [username]);
  }
  return bySeq;
}
