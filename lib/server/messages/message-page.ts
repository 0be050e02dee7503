import { sql, type CompiledQuery } from "kysely";
import type { Db } from "@/lib/server/db/database";
import { jsonIds } from "@/lib/server/db/json-rows";
import { groupReactions, toChatMessage, toReplyPreview, type MessageRow } from "@/lib/server/messages/message-row";
import type { Author, ChatMessage, ReplyPreview } from "@/lib/shared/protocol";

// The one way messages are read, whatever picks them (a history page, a catch-up, changes since a
// revision, one message by seq), on the reader or inside a write transaction: one query for the
// messages with their authors and mentions, then what only some of them have, each in one query
// for the page: reactions only for messages that changed (rev > 0), previews only for replies.

/**
 * A room's messages joined with their authors, the columns MessageRow holds, and their mentions
 * from MessageMention (their one source) joined by commas: usernames hold none (parseMentions),
 * and a subquery per row on MessageMention's key costs less than a query of its own per page.
 * string_agg is PostgreSQL's and SQLite's (3.44+) alike. The caller picks and orders the rows.
 */
export function messageQuery(db: Db, roomId: number) {
  return db
    .selectFrom("Message as m")
    .innerJoin("User as u", "u.id", "m.authorId")
    .select(["m.id", "m.seq", "m.clientId", "m.text", "m.createdAt", "m.rev", "m.editedAt", "m.deletedAt", "m.replyToSeq", "m.authorId", "u.username", "u.name"])
    .select((eb) =>
      eb
        .selectFrom("MessageMention as mm")
        .select((sub) => sql<string | null>`string_agg(${sub.ref("mm.username")}, ',')`.as("joined"))
        .whereRef("mm.roomId", "=", "m.roomId")
        .whereRef("mm.seq", "=", "m.seq")
        .as("mentions"),
    )
    .where("m.roomId", "=", roomId);
}

type MessageQuery = ReturnType<typeof messageQuery>;
type PageRow = MessageRow & { mentions: string | null };

// The ways messages are picked. Each is built and compiled once (the provider is the process's),
// with these stand-ins for its values, and each call binds its own values in their place:
// building and compiling a query took more CPU and garbage than running it (bench/history.ts).
const ROOM = -2_000_000_001;
const CURSOR = -2_000_000_002;
const LIMIT = -2_000_000_003;
const PICKS = {
  after: (q: MessageQuery) => q.where("m.seq", ">", CURSOR).orderBy("m.seq", "asc").limit(LIMIT),
  before: (q: MessageQuery) => q.where("m.seq", "<", CURSOR).orderBy("m.seq", "desc").limit(LIMIT),
  newest: (q: MessageQuery) => q.orderBy("m.seq", "desc").limit(LIMIT),
  changes: (q: MessageQuery) => q.where("m.rev", ">", CURSOR).orderBy("m.rev", "asc").limit(LIMIT),
  seq: (q: MessageQuery) => q.where("m.seq", "=", CURSOR),
};

/** Which messages to read: `cursor` is the seq (or rev, for changes) the pick starts from. */
export interface MessagePick {
  by: keyof typeof PICKS;
  cursor?: number;
  limit?: number;
}

const compiled = new Map<MessagePick["by"], CompiledQuery<PageRow>>();

function pageStatement(db: Db, roomId: number, pick: MessagePick): CompiledQuery<PageRow> {
  let template = compiled.get(pick.by);
  if (!template) {
    template = PICKS[pick.by](messageQuery(db, ROOM)).compile();
    if (!template.parameters.every((p) => p === ROOM || p === CURSOR || p === LIMIT)) throw new Error(`pick ${pick.by} binds a value of its own`);
    compiled.set(pick.by, template);
  }
  const bound = template.parameters.map((p) => (p === ROOM ? roomId : p === CURSOR ? pick.cursor : pick.limit));
  return { ...template, parameters: bound };
}

/** The messages `pick` selects of the room, in its order, as the wire shows them. */
export async function readMessages(db: Db, room: { id: number; slug: string }, pick: MessagePick): Promise<ChatMessage[]> {
  const { rows } = await db.executeQuery(pageStatement(db, room.id, pick));
  if (rows.length === 0) return [];
  const changed: number[] = [];
  const parentSeqs = new Set<number>();
  for (const row of rows) {
    if (row.rev > 0) changed.push(row.id);
    if (row.replyToSeq !== null) parentSeqs.add(row.replyToSeq);
  }
  const [reactions, previews] = await Promise.all([
    changed.length > 0 ? readReactions(db, changed) : NO_REACTIONS,
    parentSeqs.size > 0 ? readPreviews(db, room.id, [...parentSeqs]) : NO_PREVIEWS,
  ]);
  return rows.map((row) =>
    toChatMessage(room.slug, row, {
      reactions: reactions.get(row.id) ?? [],
      replyTo: row.replyToSeq === null ? null : (previews.get(row.replyToSeq) ?? null),
      mentions: row.mentions === null ? NO_MENTIONS : row.mentions.split(","),
    }),
  );
}

/** The room's message `seq`, or null. */
export async function readMessage(db: Db, room: { id: number; slug: string }, seq: number): Promise<ChatMessage | null> {
  const [message] = await readMessages(db, room, { by: "seq", cursor: seq });
  return message ?? null;
}

const NO_REACTIONS = new Map<number, ChatMessage["reactions"]>();
const NO_PREVIEWS = new Map<number, ReplyPreview>();
const NO_MENTIONS: readonly string[] = [];

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
