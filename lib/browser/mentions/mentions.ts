import type { Author, ChatMessage } from "@/lib/shared/protocol";

// Client side of mentions: whether a message mentions me, and the completion of `@user` while typing.

export const mentionsUser = (message: Pick<ChatMessage, "mentions">, username: string) => message.mentions.includes(username.toLowerCase());

/** The `@query` being typed right before the caret, if any: where it starts and what it says so far. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|[^A-Za-z0-9_.@-])@([A-Za-z0-9_.-]{0,32})$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]!.toLowerCase() };
}

/** Candidates whose username or name starts with the query (then contains it), at most `limit`. */
export function matchMembers(members: Author[], query: string, limit = 8): Author[] {
  const starts = members.filter((m) => m.username.startsWith(query) || m.name.toLowerCase().startsWith(query));
  const contains = members.filter((m) => !starts.includes(m) && (m.username.includes(query) || m.name.toLowerCase().includes(query)));
  return [...starts, ...contains].slice(0, limit);
}

/** The text with the `@query` at `start` replaced by the full mention and a space; the new caret. */
export function insertMention(text: string, start: number, caret: number, username: string): { text: string; caret: number } {
  const inserted = `@${username} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}
