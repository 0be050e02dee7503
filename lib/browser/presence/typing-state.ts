import type { Author } from "@/lib/shared/protocol";

// Who is typing in a room, as pure state. A sender repeats `typing: true` every few seconds
// while it types; a `true` that is not repeated expires, so a closed tab never types forever.

/** A typist sends `typing: true` at most this often. */
export const TYPING_REPEAT_MS = 3000;
/** A `typing: true` not repeated within this long is forgotten. */
export const TYPING_TTL_MS = 5000;

export type Typists = ReadonlyMap<number, { user: Author; until: number }>;

export const noTypists: Typists = new Map();

export function setTyping(typists: Typists, user: Author, typing: boolean, now: number): Typists {
  if (!typing && !typists.has(user.id)) return typists;
  const next = new Map(typists);
  if (typing) next.set(user.id, { user, until: now + TYPING_TTL_MS });
  else next.delete(user.id);
  return next;
}

export function expireTypists(typists: Typists, now: number): Typists {
  const live = [...typists].filter(([, t]) => t.until > now);
  return live.length === typists.size ? typists : new Map(live);
}

/** When the next entry expires, or null when nobody is typing. */
export function nextExpiry(typists: Typists): number | null {
  let next: number | null = null;
  for (const { until } of typists.values()) next = next === null ? until : Math.min(next, until);
  return next;
}

/** "Alice is typing…", "Alice and Bob are typing…", "Alice, Bob and 2 others are typing…". */
export function typingText(users: readonly Author[]): string | null {
  const names = users.map((u) => u.name).sort((a, b) => a.localeCompare(b));
  if (names.length === 0) return null;
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  const others = names.length - 2;
  return `${names[0]}, ${names[1]} and ${others} ${others === 1 ? "other" : "others"} are typing…`;
}
