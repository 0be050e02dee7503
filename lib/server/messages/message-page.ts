import { readRows } from "@/lib/server/db/db";
import type { Row } from "@/lib/server/db/db-read";
import { groupReactions } from "@/lib/server/messages/message-row";
import { toReplyPreview } from "@/lib/server/messages/reply-preview";
import { int, isoDate, isoDateOrNull, text } from "@/lib/server/db/sql-cells";
import { SqlParams } from "@/lib/server/db/sql-params";
import { parseMentions, type Author, type ChatMessage, type ReplyPreview } from "@/lib/shared/protocol";

// A page of history as raw rows (lib/server/db/db-read.ts) turned into wire messages: one object per
// message and one per author, each value used as the driver gave it where the wire's type is the same.

/** The columns of a page row, in the order the indexes below read them (m: Message, u: its author). */
export const PAGE_COLUMNS =
  `m."id", m."seq", m."clientId", m."text", m."createdAt", m."rev", m."editedAt", m."deletedAt", m."replyToSeq", ` +
  `m."authorId", u."username", u."name"`;
const ID = 0, SEQ = 1, CLIENT_ID = 2, TEXT = 3, CREATED_AT = 4, REV = 5, EDITED_AT = 6, DELETED_AT = 7, REPLY_TO = 8;
const AUTHOR_ID = 9, USERNAME = 10, NAME = 11;

type Reactions = ChatMessage["reactions"];
const NONE = { reactions: new Map<number, Reactions>(), previews: new Map<number, ReplyPreview>() };

/**
 * Turns page rows into wire messages. Mentions are read from the text, as the send path stores
 * them; reactions exist only on messages that changed (rev > 0) and previews only for replies, so
 * a page of plain messages costs no query beyond its own.
 */
export async function completePage(room: { id: number; slug: string }, rows: readonly Row[]): Promise<ChatMessage[]> {
  const changed: number[] = [];
  const parentSeqs: number[] = [];
  for (const row of rows) {
    if (int(row[REV]) > 0) changed.push(int(row[ID]));
    const parent = row[REPLY_TO];
    if (parent !== null && !parentSeqs.includes(int(parent))) parentSeqs.push(int(parent));
  }
  const extra = changed.length || parentSeqs.length ? await readExtras(room.id, changed, parentSeqs) : NONE;
  const messages: ChatMessage[] = [];
  for (const row of rows) {
    const id = int(row[ID]);
    const body = text(row[TEXT]);
    const parent = row[REPLY_TO];
    messages.push({
      id,
      room: room.slug,
      seq: int(row[SEQ]),
      clientId: text(row[CLIENT_ID]),
      text: body,
      createdAt: isoDate(row[CREATED_AT]),
      author: { id: int(row[AUTHOR_ID]), username: text(row[USERNAME]), name: text(row[NAME]) },
      rev: int(row[REV]),
      editedAt: isoDateOrNull(row[EDITED_AT]),
      deletedAt: isoDateOrNull(row[DELETED_AT]),
      reactions: extra.reactions.get(id) ?? [],
      replyTo: parent === null ? null : (extra.previews.get(int(parent)) ?? null),
      mentions: parseMentions(body),
    });
  }
  return messages;
}

async function readExtras(roomId: number, changed: number[], parentSeqs: number[]): Promise<typeof NONE> {
  const [reactions, previews] = await Promise.all([
    changed.length ? readReactions(changed) : NONE.reactions,
    parentSeqs.length ? readPreviews(roomId, parentSeqs) : NONE.previews,
  ]);
  return { reactions, previews };
}

/** Reactions per message, each message's grouped by emoji in the order they were given. */
async function readReactions(messageIds: number[]): Promise<Map<number, Reactions>> {
  const p = new SqlParams();
  const rows = await readRows({
    sql:
      `SELECT r."messageId", r."emoji", u."id", u."username", u."name" FROM "Reaction" r JOIN "User" u ON u."id" = r."userId" ` +
      `WHERE r."messageId" IN ${p.ids(messageIds)} ORDER BY r."createdAt" ASC, r."userId" ASC`,
    params: p.values,
  });
  const byMessage = new Map<number, { emoji: string; user: Author }[]>();
  for (const [messageId, emoji, userId, username, name] of rows) {
    const user = { id: int(userId), username: text(username), name: text(name) };
    const list = byMessage.get(int(messageId)) ?? [];
    if (list.length === 0) byMessage.set(int(messageId), list);
    list.push({ emoji: text(emoji), user });
  }
  return new Map([...byMessage].map(([id, list]) => [id, groupReactions(list)]));
}

/** Previews of the messages of a room with these seqs, by seq. */
async function readPreviews(roomId: number, seqs: number[]): Promise<Map<number, ReplyPreview>> {
  const p = new SqlParams();
  const rows = await readRows({
    sql:
      `SELECT m."seq", m."text", m."deletedAt", u."id", u."username", u."name" FROM "Message" m JOIN "User" u ON u."id" = m."authorId" ` +
      `WHERE m."roomId" = ${p.add(roomId)} AND m."seq" IN ${p.ids(seqs)}`,
    params: p.values,
  });
  const previews = new Map<number, ReplyPreview>();
  for (const [seq, body, deletedAt, id, username, name] of rows) {
    const author = { id: int(id), username: text(username), name: text(name) };
    previews.set(int(seq), toReplyPreview({ seq: int(seq), text: text(body), deletedAt: isoDateOrNull(deletedAt), author }));
  }
  return previews;
}
