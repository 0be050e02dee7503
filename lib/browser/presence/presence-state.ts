import type { Author } from "@/lib/shared/protocol";

const byName = (a: Author, b: Author) => a.name.localeCompare(b.name) || a.id - b.id;

/** The room's online list after a `presence` event. */
export function applyPresence(list: readonly Author[], user: Author, online: boolean): Author[] {
  const others = list.filter((u) => u.id !== user.id);
  return online ? [...others, user].sort(byName) : others;
}

export function sortOnline(list: readonly Author[]): Author[] {
  return [...list].sort(byName);
}
