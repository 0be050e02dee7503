import { reader } from "@/lib/server/db/database";
import { readMessage, readMessages } from "@/lib/server/messages/message-page";
import type { ChatMessage } from "@/lib/shared/protocol";

// The reads of messages callers use. Each picks rows of the one read path
// (lib/server/messages/message-page.ts), which maps them (lib/server/messages/message-row.ts).

type Room = { id: number; slug: string };

interface ListInput {
  room: Room;
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
  const { since, before, limit } = input;
  if (since !== undefined) return readMessages(await reader(), input.room, { by: "after", cursor: since, limit });
  const pick = before === undefined ? { by: "newest" as const, limit } : { by: "before" as const, cursor: before, limit };
  return (await readMessages(await reader(), input.room, pick)).reverse();
}

/** Messages of a room changed (edited, deleted, reactions) after revision `sinceRev`, by ascending rev. */
export async function listChanges(input: { room: Room; sinceRev: number; limit: number }): Promise<ChatMessage[]> {
  const { sinceRev, limit } = input;
  return readMessages(await reader(), input.room, { by: "changes", cursor: sinceRev, limit });
}

/** One message of a room by seq, or null. */
export async function findMessage(input: { room: Room; seq: number }): Promise<ChatMessage | null> {
  return readMessage(await reader(), input.room, input.seq);
}
