// Avatars are initials on a colour picked from the username, so a person keeps their colour.
// Every colour carries white text at a contrast of at least 4.5:1, in both themes.
/** Tones of the avatar palette: classes `avatar-tone-0` to `-7` in app/globals.css. */
export const AVATAR_TONES = 8;

/**
 * The avatar's tone, stable for a username. A class rather than an inline style, which the
 * Content Security Policy (style-src with a nonce) would block in server-rendered HTML.
 */
export function avatarTone(username: string): number {
  let hash = 0;
  for (let i = 0; i < username.length; i++) hash = (hash * 31 + username.charCodeAt(i)) | 0;
  return Math.abs(hash) % AVATAR_TONES;
}

/** Up to two letters: the first of the first two words of the name. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map((w) => Array.from(w)[0]!.toUpperCase());
  return letters.join("") || "?";
}
