import type { Db, Tx } from "@/lib/server/db/db";
import type { ChatMessage } from "@/lib/shared/protocol";
import { messageFields, toChatMessage } from "@/lib/server/messages/message-row";
import { toReplyPreview } from "@/lib/server/messages/reply-preview";

type Client = Db | Tx;
type Args = NonNullable<Parameters<Db["message"]["findMany"]>[0]>;

interface Query {
  where: NonNullable<Args["where"]>;
  orderBy?: Args["orderBy"];
  take: number;
}

/**
 * Messages of one room, as the wire shows them: with reactions, mentions and the preview of the
 * message each one replies to (parents read in one more query, only when a reply is among them).
 */
export async function readMessages(db: Client, room: { id: number; slug: string }, query: Query): Promise<ChatMessage[]> {
  const rows = await db.message.findMany({ ...query, where: { ...query.where, roomId: room.id }, select: messageFields });
  const parentSeqs = [...new Set(rows.map((r) => r.replyToSeq).filter((s): s is number => s !== null))];
  const parents = parentSeqs.length
    ? await db.message.findMany({ where: { roomId: room.id, seq: { in: parentSeqs } }, select: previewFields })
    : [];
  const previews = new Map(parents.map((p) => [p.seq, toReplyPreview(p)]));
  return rows.map((row) => toChatMessage(room.slug, row, row.replyToSeq === null ? null : (previews.get(row.replyToSeq) ?? null)));
}

export const previewFields = {
  seq: true,
  text: true,
  deletedAt: true,
  author: { select: { id: true, username: true, name: true } },
} as const;
