const MAX_SLUG = 48;

/** A URL slug for a room name: "Design Team ✏️" becomes "design-team". */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG)
    .replace(/-+$/g, "");
  // "dm-…" is the namespace of direct conversations.
  if (!base) return "room";
  return base.startsWith("dm-") || base === "dm" ? `room-${base}` : base;
}

/** The first of slug, slug-2, slug-3, ... that `taken` does not hold. */
export function firstFreeSlug(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function directSlug(a: number, b: number): { slug: string; dmKey: string } {
  const [low, high] = a < b ? [a, b] : [b, a];
  return { slug: `dm-${low}-${high}`, dmKey: `${low}:${high}` };
}
