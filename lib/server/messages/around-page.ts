import { readMessagePage, type BoundedPage } from "@/lib/server/messages/bounded-page";
import { MAX_PAGE_BYTES } from "@/lib/shared/protocol";

// The page around a message (a permalink's target): made of readMessagePage's two directions, so
// it is cut by rows and bytes exactly as other pages are. The older half gets half the rows and
// half the byte budget, the half from the target onward what the older one left (and always the
// target itself, as a page always holds one message). When the room ends before the page is full
// (the target is among the newest, or past the newest), older messages fill it, so a target past
// the end answers the newest page.

export interface AroundPage extends BoundedPage {
  /** Whether newer messages exist past the page's last. */
  hasNewer: boolean;
}

interface AroundInput {
  room: { id: number; slug: string };
  /** The target's seq: the page holds it when it exists. */
  around: number;
  limit: number;
  maxBytes?: number;
}

/** Messages around `around`, ascending: about half the page older than it, the rest from it on. */
export async function readMessagePageAround(input: AroundInput): Promise<AroundPage> {
  const { room, around, limit } = input;
  const maxBytes = input.maxBytes ?? MAX_PAGE_BYTES;
  const older = await readMessagePage({ room, before: around, limit: Math.floor(limit / 2), maxBytes: Math.floor(maxBytes / 2) });
  const newer = await readMessagePage({ room, since: around - 1, limit: limit - older.messages.length, maxBytes: maxBytes - older.bytes });
  const count = older.messages.length + newer.messages.length;
  const bytes = older.bytes + newer.bytes;
  // Only rows or bytes the newer half could not use go to older messages, never past the budget.
  const fill = !newer.hasMore && older.hasMore && count < limit && bytes < maxBytes;
  const earlier = fill ? await readEarlier(input, older, { limit: limit - count, maxBytes: maxBytes - bytes }) : null;
  return {
    messages: [...(earlier?.messages ?? []), ...older.messages, ...newer.messages],
    hasMore: earlier ? earlier.hasMore : older.hasMore,
    hasNewer: newer.hasMore,
    bytes: bytes + (earlier?.bytes ?? 0),
  };
}

/** The messages just older than the older half (older than the target when that half is empty). */
function readEarlier(input: AroundInput, older: BoundedPage, rest: { limit: number; maxBytes: number }): Promise<BoundedPage> {
  const before = older.messages[0]?.seq ?? input.around;
  return readMessagePage({ room: input.room, before, ...rest });
}
