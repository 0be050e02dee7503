import { listChanges, listMessages } from "@/lib/server/messages/messages";
import { jsonBytes } from "@/lib/server/messages/wire-bytes";
import { MAX_PAGE_BYTES, type ChatMessage } from "@/lib/shared/protocol";

// Pages bounded in bytes as well as rows. A page stops before the message that would take it past
// its byte budget, but always holds at least one message, so paging moves on even past a message
// larger than the budget. Rows are read in chunks sized by what the budget still has room for,
// so a room of large messages is not read a thousand rows at a time to send forty.

/** Rows per query: at least MAX_PAGE + 1, so a history page is still one query. */
const CHUNK = 101;

export interface BoundedPage {
  /** In the order the wire shows them (ascending seq, or ascending rev for changes). */
  messages: ChatMessage[];
  /** Whether more exist past the page, cut by its rows or by its bytes. */
  hasMore: boolean;
  /** Wire bytes of the messages (UTF-8 JSON). */
  bytes: number;
}

type Room = { id: number; slug: string };
type ReadChunk = (cursor: number | undefined, take: number) => Promise<ChatMessage[]>;

interface PageInput {
  room: Room;
  /** Messages with seq > since, oldest first (a catch-up). */
  since?: number;
  /** Else the newest messages with seq < before (or the newest of all). */
  before?: number;
  limit: number;
  maxBytes?: number;
}

/** A page of messages (see listMessages), cut at `maxBytes` of wire JSON. */
export async function readMessagePage(input: PageInput): Promise<BoundedPage> {
  const { room, since, before } = input;
  const forward = since !== undefined;
  const read: ReadChunk = (cursor, take) =>
    forward ? listMessages({ room, since: cursor ?? since, limit: take }) : listMessages({ room, before: cursor ?? before, limit: take });
  // Backwards pages are read newest first, so the budget keeps the newest of them.
  const page = await collect(forward ? read : async (cursor, take) => (await read(cursor, take)).reverse(), (m) => m.seq, input);
  if (!forward) page.messages.reverse();
  return page;
}

/** Messages changed after `sinceRev` (see listChanges), cut at `maxBytes` of wire JSON. */
export function readChangePage(input: { room: Room; sinceRev: number; limit: number; maxBytes?: number }): Promise<BoundedPage> {
  const read: ReadChunk = (cursor, take) => listChanges({ room: input.room, sinceRev: cursor ?? input.sinceRev, limit: take });
  return collect(read, (m) => m.rev, input);
}

async function collect(read: ReadChunk, cursorOf: (m: ChatMessage) => number, input: { limit: number; maxBytes?: number }): Promise<BoundedPage> {
  const maxBytes = input.maxBytes ?? MAX_PAGE_BYTES;
  const messages: ChatMessage[] = [];
  let bytes = 0;
  let cursor: number | undefined;
  for (;;) {
    // One row past the limit tells whether more exist, without a count query.
    const take = Math.min(CHUNK, input.limit + 1 - messages.length, fitting(messages.length, bytes, maxBytes));
    const chunk = await read(cursor, take);
    for (const message of chunk) {
      const size = jsonBytes(message);
      if (messages.length === input.limit || (messages.length > 0 && bytes + size > maxBytes)) return { messages, hasMore: true, bytes };
      messages.push(message);
      bytes += size;
    }
    if (chunk.length < take) return { messages, hasMore: false, bytes };
    cursor = cursorOf(chunk.at(-1)!);
  }
}

/** The smallest a message is on the wire (its field names and dates alone take more). */
const MIN_MESSAGE_BYTES = 200;

/**
 * Rows worth reading next: what the rest of the budget holds at the average size so far (at the
 * smallest size before any), at least one, plus one to see past it.
 */
function fitting(count: number, bytes: number, maxBytes: number): number {
  const average = count === 0 ? MIN_MESSAGE_BYTES : bytes / count;
  return Math.max(1, Math.ceil((maxBytes - bytes) / average)) + 1;
}
