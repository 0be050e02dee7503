import { isoDate, isoDateOrNull } from "@/lib/server/db/dates";
import type { Author, ChatMessage, ReplyPreview } from "@/lib/shared/protocol";

// The one mapping of stored rows to the wire's types: a message read back and a message just
// sent go through the same functions, so they look the same.

/** A Message row with its author's columns, as the page query (message-page.ts) selects it. */
export interface MessageRow {
  id: number;
  seq: number;
  clientId: string;
  text: string;
  /** DateTime columns as the database holds them (lib/server/db/dates.ts). */
  createdAt: string;
  rev: number;
  editedAt: string | null;
  deletedAt: string | null;
  replyToSeq: number | null;
  authorId: number;
  username: string;
  name: string;
}

/** What a message carries from other tables: its reactions, the preview of its parent, its mentions. */
export interface MessageExtras {
  reactions: ChatMessage["reactions"];
  replyTo: ReplyPreview | null;
  /** Usernames from MessageMention, in any order. */
  mentions: readonly string[];
}

/** A reply preview's parent: the Message row's seq, text and deletion, with its author. */
export interface PreviewRow {
  seq: number;
  text: string;
  deletedAt: string | null;
  authorId: number;
  username: string;
  name: string;
}

/** Code points of a parent's text a reply carries: enough to recognise it, bounded on the wire. */
export const EXCERPT_CHARS = 140;

export function toChatMessage(room: string, row: MessageRow, extras: MessageExtras): ChatMessage {
  return {
    id: row.id,
    room,
    seq: row.seq,
    clientId: row.clientId,
    text: row.text,
    createdAt: isoDate(row.createdAt),
    author: { id: row.authorId, username: row.username, name: row.name },
    rev: row.rev,
    editedAt: isoDateOrNull(row.editedAt),
    deletedAt: isoDateOrNull(row.deletedAt),
    reactions: extras.reactions,
    replyTo: extras.replyTo,
    mentions: orderedMentions(extras.mentions),
  };
}

/**
 * Mentions in one order wherever a message is built: MessageMention keeps no order of its own,
 * and the databases' collations sort differently, so they are sorted here, by UTF-16 code unit.
 */
function orderedMentions(usernames: readonly string[]): string[] {
  return usernames.length < 2 ? [...usernames] : [...usernames].sort();
}

export function toReplyPreview(parent: PreviewRow): ReplyPreview {
  const deleted = parent.deletedAt !== null;
  const chars = [...parent.text];
  const excerpt = chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join("")}…` : parent.text;
  const author = { id: parent.authorId, username: parent.username, name: parent.name };
  return { seq: parent.seq, author, excerpt: deleted ? null : excerpt, deleted };
}

/** Reactions grouped by emoji, in the order each emoji first appeared (rows in the order given). */
export function groupReactions(rows: readonly { emoji: string; user: Author }[]): ChatMessage["reactions"] {
  const byEmoji = new Map<string, Author[]>();
  for (const { emoji, user } of rows) {
    const users = byEmoji.get(emoji);
    if (users) users.push(user);
    else byEmoji.set(emoji, [user]);
  }
  return [...byEmoji].map(([emoji, users]) => ({ emoji, users }));
}
