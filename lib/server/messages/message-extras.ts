import type { Db } from "@/lib/server/db/database";
import { jsonList } from "@/lib/server/db/json-rows";
import { prepare } from "@/lib/server/db/prepared";
import { groupReactions, toReplyPreview } from "@/lib/server/messages/message-row";
import type { Author, ChatMessage, ReplyPreview } from "@/lib/shared/protocol";

// What a page of messages carries from other tables, each read in one query for the whole page
// (lib/server/messages/message-page.ts): mentions, reactions and reply previews.

/** The seqs of a page's messages: a run of consecutive ones (history, catch-up) or any (changes). */
export type PageSeqs = { from: number; to: number } | { seqs: readonly number[] };

// A page of consecutive seqs finds its mentions in one range of MessageMention's key: cheaper
// than a subquery per message (docs/benchmarks.md, "One data path"). Pages of changes are spread
// over the room's history, so theirs are looked up by seq.
const mentionsInRange = prepare((db, v: { room: number; from: number; to: number }) =>
  db.selectFrom("MessageMention").select(["seq", "username"]).where("roomId", "=", v.room).where("seq", ">=", v.from).where("seq", "<=", v.to),
);
const mentionsOfSeqs = prepare((db, v: { room: number; seqs: string }) =>
  db.selectFrom("MessageMention").select(["seq", "username"]).where("roomId", "=", v.room).where("seq", "in", jsonList<number>(v.seqs, "integer")),
);

/** Usernames each message mentions (MessageMention, their one source), by seq; in no order. */
export async function readMentions(db: Db, roomId: number, page: PageSeqs): Promise<Map<number, string[]>> {
  const rows =
    "seqs" in page
      ? await mentionsOfSeqs(db, { room: roomId, seqs: JSON.stringify(page.seqs) })
      : await mentionsInRange(db, { room: roomId, from: page.from, to: page.to });
  const bySeq = new Map<number, string[]>();
  for (const { seq, username } of rows) {
    const list = bySeq.get(seq);
    if (list) list.push(username);
    else bySeq.set(seq, [username]);
  }
  return bySeq;
}

const selectReactions = prepare((db, v: { ids: string }) =>
  db
    .selectFrom("Reaction as r")
    .innerJoin("User as u", "u.id", "r.userId")
    .select(["r.messageId", "r.emoji", "u.id", "u.username", "u.name"])
    .where("r.messageId", "in", jsonList<number>(v.ids, "integer"))
    .orderBy("r.createdAt", "asc")
    .orderBy("r.userId", "asc"),
);

/** Reactions per message id, each message's grouped by emoji in the order they were given. */
export async function readReactions(db: Db, messageIds: readonly number[]): Promise<Map<number, ChatMessage["reactions"]>> {
  const rows = await selectReactions(db, { ids: JSON.stringify(messageIds) });
  const byMessage = new Map<number, { emoji: string; user: Author }[]>();
  for (const { messageId, emoji, id, username, name } of rows) {
    const list = byMessage.get(messageId);
    const reaction = { emoji, user: { id, username, name } };
    if (list) list.push(reaction);
    else byMessage.set(messageId, [reaction]);
  }
  return new Map([...byMessage].map(([id, list]) => [id, groupReactions(list)]));
}

const selectPreviews = prepare((db, v: { room: number; seqs: string }) =>
  db
    .selectFrom("Message as m")
    .innerJoin("User as u", "u.id", "m.authorId")
    .select(["m.seq", "m.text", "m.deletedAt", "m.authorId", "u.username", "u.name"])
    .where("m.roomId", "=", v.room)
    .where("m.seq", "in", jsonList<number>(v.seqs, "integer")),
);

/** Previews of the room's messages with these seqs, by seq (a reply quotes its parent by seq). */
export async function readPreviews(db: Db, roomId: number, seqs: readonly number[]): Promise<Map<number, ReplyPreview>> {
  const rows = await selectPreviews(db, { room: roomId, seqs: JSON.stringify(seqs) });
  return new Map(rows.map((row) => [row.seq, toReplyPreview(row)]));
}
