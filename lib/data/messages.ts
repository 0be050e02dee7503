import { reader } from "@/lib/db";
import type { ChatMessage } from "@/lib/protocol";
import { readMessages } from "@/lib/data/read-messages";

// The row mapping lives in message-row.ts; re-exported for the send path, which imports it from here.
export { messageFields, toChatMessage } from "@/lib/data/message-row";

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
  const rows = await readMessages(db, input.room, {
    where: { seq: forward ? { gt: input.since } : input.before !== undefined ? { lt: input.before } : undefined },
    orderBy: { seq: forward ? "asc" : "desc" },
    take: input.limit,
  });
  if (!forward) rows.reverse();
  return rows;
}

/** Messages of a room changed (edited, deleted, reactions) after revision `sinceRev`, by ascending rev. */
export async function listChanges(input: { room: { id: number; slug: string }; sinceRev: number; limit: number }): Promise<ChatMessage[]> {
  const db = await reader();
  return readMessages(db, input.room, { where: { rev: { gt: input.sinceRev } }, orderBy: { rev: "asc" }, take: input.limit });
}

/** One message of a room by seq, or null. */
export async function findMessage(input: { room: { id: number; slug: string }; seq: number }): Promise<ChatMessage | null> {
  const db = await reader();
  const [message] = await readMessages(db, input.room, { where: { seq: input.seq }, take: 1 });
  return message ?? null;
}
