import type { ChatMessage } from "@/lib/shared/protocol";

// A stored message as the wire shows it: the columns read and their mapping.

const authorFields = { id: true, username: true, name: true } as const;

export const messageFields = {
  id: true as const,
  seq: true as const,
  clientId: true as const,
  text: true as const,
  createdAt: true as const,
  rev: true as const,
  editedAt: true as const,
  deletedAt: true as const,
  replyToSeq: true as const,
  author: { select: authorFields },
  mentions: { select: { username: true as const } },
  reactions: { select: { emoji: true, user: { select: authorFields } }, orderBy: [{ createdAt: "asc" as const }, { userId: "asc" as const }] },
};

interface MessageRow {
  id: number;
  seq: number;
  clientId: string;
  text: string;
  createdAt: Date;
  author: ChatMessage["author"];
  // Optional: a message just sent has no change, reaction or preview yet.
  rev?: number;
  editedAt?: Date | null;
  deletedAt?: Date | null;
  mentions?: { username: string }[] | string[];
  reactions?: { emoji: string; user: ChatMessage["author"] }[];
}

/** Reactions grouped by emoji, in the order each emoji first appeared. */
export function groupReactions(rows: { emoji: string; user: ChatMessage["author"] }[]): ChatMessage["reactions"] {
  const byEmoji = new Map<string, ChatMessage["author"][]>();
  for (const { emoji, user } of rows) byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), user]);
  return [...byEmoji].map(([emoji, users]) => ({ emoji, users }));
}

export function toChatMessage(room: string, row: MessageRow, replyTo: ChatMessage["replyTo"] = null): ChatMessage {
  return {
    id: row.id,
    room,
    seq: row.seq,
    clientId: row.clientId,
    text: row.text,
    createdAt: row.createdAt.toISOString(),
    author: row.author,
    rev: row.rev ?? 0,
    editedAt: row.editedAt?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    reactions: groupReactions(row.reactions ?? []),
    replyTo,
    mentions: (row.mentions ?? []).map((m) => (typeof m === "string" ? m : m.username)),
  };
}
