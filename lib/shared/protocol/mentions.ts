// `@username` in a message text. Usernames are 1 to 32 of a-z 0-9 _ . - (usernameSchema); an
// `@` glued to a word (an e-mail address) is not a mention, and a trailing dot ends the sentence.
export const MAX_MENTIONS = 20;

const MENTION = /(^|[^A-Za-z0-9_.@-])@([A-Za-z0-9_.-]{1,32})/g;

/** The distinct lowercased usernames mentioned in `text`, in order, at most MAX_MENTIONS. */
export function parseMentions(text: string): string[] {
  // Most messages mention no one: skip the matching and its garbage (a history page maps 50).
  if (!text.includes("@")) return [];
  const found = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    const name = match[2]!.replace(/\.+$/, "").toLowerCase();
    if (name) found.add(name);
    if (found.size >= MAX_MENTIONS) break;
  }
  return [...found];
}

/** Splits a text into plain runs and mention runs, for highlighting. */
export function splitMentions(text: string): { text: string; mention: string | null }[] {
  const parts: { text: string; mention: string | null }[] = [];
  let at = 0;
  for (const match of text.matchAll(MENTION)) {
    const name = match[2]!.replace(/\.+$/, "");
    if (!name) continue;
    const start = match.index + match[1]!.length;
    if (start > at) parts.push({ text: text.slice(at, start), mention: null });
    parts.push({ text: `@${name}`, mention: name.toLowerCase() });
    at = start + 1 + name.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mention: null });
  return parts;
}
