import type { Db } from "@/lib/db";
import { groupReactions } from "@/lib/data/message-row";
import { previewFields } from "@/lib/data/read-messages";
import { toReplyPreview } from "@/lib/data/reply-preview";
import { parseMentions, type Author, type ChatMessage } from "@/lib/protocol";

/** A row of the raw page query of listMessages (dates come back as text on SQLite). */
export interface PageRow {
  id: number;
  seq: number;
  clientId: string;
  text: string;
  createdAt: Date | string;
  rev: number;
  editedAt: Date | string | null;
  deletedAt: Date | string | null;
  replyToSeq: number | null;
  authorId: number;
  username: string;
  name: string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Turns page rows into wire messages. Mentions are read from the text, as the send path stores
 * them; reactions exist only on messages that changed (rev > 0) and previews only for replies, so
 * a page of plain messages costs no query beyond its own.
 */
export async function completePage(db: Db, room: { id: number; slug: string }, rows: PageRow[]): Promise<ChatMessage[]> {
  const changed = rows.filter((r) => Number(r.rev) > 0).map((r) => Number(r.id));
  const parentSeqs = [...new Set(rows.map((r) => r.replyToSeq).filter((s): s is number => s !== null).map(Number))];
  const [reactions, parents] = await Promise.all([
    changed.length
      ? db.reaction.findMany({
          where: { messageId: { in: changed } },
          select: { messageId: true, emoji: true, user: { select: { id: true, username: true, name: true } } },
          orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
        })
      : [],
    parentSeqs.length ? db.message.findMany({ where: { roomId: room.id, seq: { in: parentSeqs } }, select: previewFields }) : [],
  ]);
  const byMessage = groupByMessage(reactions);
  const previews = new Map(parents.map((p) => [p.seq, toReplyPreview(p)]));
  return rows.map((row) => ({
    id: Number(row.id),
    room: room.slug,
    seq: Number(row.seq),
    clientId: row.clientId,
    text: row.text,
    createdAt: iso(row.createdAt)!,
    author: { id: Number(row.authorId), username: row.username, name: row.name },
    rev: Number(row.rev),
    editedAt: iso(row.editedAt),
    deletedAt: iso(row.deletedAt),
    reactions: byMessage.get(Number(row.id)) ?? [],
    replyTo: row.replyToSeq === null ? null : (previews.get(Number(row.replyToSeq)) ?? null),
    mentions: parseMentions(row.text),
  }));
}

type ReactionRow = { messageId: number; emoji: string; user: Author };

/** Reactions per message, each message's grouped by emoji as toChatMessage groups them. */
function groupByMessage(rows: ReactionRow[]): Map<number, ChatMessage["reactions"]> {
  const byMessage = new Map<number, ReactionRow[]>();
  for (const row of rows) byMessage.set(row.messageId, [...(byMessage.get(row.messageId) ?? []), row]);
  return new Map([...byMessage].map(([id, reactions]) => [id, groupReactions(reactions)]));
}
