// The shapes of usernames and room slugs, free of zod: browser code (the search box's parser,
// lib/shared/search/search-query.ts) checks them without the schema library; schemas.ts builds
// its schemas from these, so there is one rule.

export const USERNAME_PATTERN = /^[a-z0-9_.-]{1,32}$/;
export const ROOM_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const MAX_ROOM_SLUG_CHARS = 64;

/** A lower-cased, trimmed username as usernameSchema accepts it. */
export function isUsername(name: string): boolean {
  return USERNAME_PATTERN.test(name);
}

/** A room slug as roomSlugSchema accepts it. */
export function isRoomSlug(slug: string): boolean {
  return slug.length <= MAX_ROOM_SLUG_CHARS && ROOM_SLUG_PATTERN.test(slug);
}
