import { reader } from "@/lib/db";
import type { ChatMessage } from "@/lib/protocol";

export const messageFields = {
  id: true,
  seq: true,
  clientId: true,
  text: true,
  createdAt: true,
  author: { select: { id: true, username: true, name: true } },
} as const;

interface MessageRow {
  id: number;
  seq: number;
  clientId: string;
  text: string;
  createdAt: Date;
  author: ChatMessage["author"];
}

export function toChatMessage(room: string, row: MessageRow): ChatMessage {
  return {
    id: row.id,
    room,
    seq: row.seq,
    clientId: row.clientId,
    text: row.text,
    createdAt: row.createdAt.toISOString(),
    author: row.author,
  };
}

interface ListInput {
  room: { id: number; slug: string };
  /** Messages with seq > since, oldest first. */
  since?: number;
  /** Messages with seq < before, the newest of them, returned oldest first. */
  before?: number;
  limit: number;
}

/**
 * One page of a room's messages in ascending seq. Without `since` it is the newest page (before
 * `before` when given); with `since` it is the oldest page after it, which is what catch-up needs.
 */
export async function listMessages(input: ListInput): Promise<ChatMessage[]> {
  const db = await reader();
  const forward = input.since !== undefined;
  const rows = await db.message.findMany({
    where: {
      roomId: input.room.id,
      seq: forward ? { gt: input.since } : input.before !== undefined ? { lt: input.before } : undefined,
    },
    orderBy: { seq: forward ? "asc" : "desc" },
    take: input.limit,
    select: messageFields,
  });
  if (!forward) rows.reverse();
  return rows.map((row) => toChatMessage(input.room.slug, row));
}
