import type { ChatMessage } from "@/lib/shared/protocol";

// How a room's messages are laid out: pure, so it can be unit tested apart from React.

/** Consecutive messages of one author share one header when this close together. */
export const GROUP_MS = 5 * 60_000;

export type TimelineEntry =
  | { kind: "day"; key: string; iso: string }
  | { kind: "unread"; key: "unread" }
  | { kind: "message"; key: string; message: ChatMessage; continued: boolean };

interface Options {
  /** The user's read marker when the room was opened: the "new messages" line goes after it. */
  lastReadSeq: number;
  selfId: number;
  /** Day separators need the browser's time zone: false while rendering on the server and hydrating. */
  days: boolean;
}

const dayKey = (date: Date) => `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;

export function buildTimeline(messages: readonly ChatMessage[], { lastReadSeq, selfId, days }: Options): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let previous: ChatMessage | undefined;
  let previousDay = "";
  for (const message of messages) {
    const date = new Date(message.createdAt);
    const day = days ? dayKey(date) : "";
    const newDay = days && day !== previousDay;
    if (newDay) entries.push({ kind: "day", key: `day-${day}`, iso: message.createdAt });
    // Only someone else's messages are new to the user; the line sits before the first of them.
    const unread = message.seq === lastReadSeq + 1 && lastReadSeq > 0 && message.author.id !== selfId;
    if (unread) entries.push({ kind: "unread", key: "unread" });
    const continued =
      !!previous &&
      !newDay &&
      !unread &&
      previous.author.id === message.author.id &&
      date.getTime() - new Date(previous.createdAt).getTime() < GROUP_MS;
    entries.push({ kind: "message", key: `m-${message.seq}`, message, continued });
    previous = message;
    previousDay = day;
  }
  return entries;
}

/** How many messages after `seq`, not counting the user's own. */
export function countAfter(messages: readonly ChatMessage[], seq: number, selfId: number): number {
  let count = 0;
  for (let i = messages.length - 1; i >= 0 && messages[i]!.seq > seq; i--) {
    if (messages[i]!.author.id !== selfId) count++;
  }
  return count;
}
