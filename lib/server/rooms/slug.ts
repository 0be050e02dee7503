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

/** "plans" becomes "plans-k3x9q2": unguessable, so a slug says nothing about other rooms. */
export function privateSlug(base: string): string {
  const suffix = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => "abcdefghijkmnpqrstuvwxyz23456789"[b % 32]).join("");
  return `${base.slice(0, 40).replace(/-+$/, "")}-${suffix}`;
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
