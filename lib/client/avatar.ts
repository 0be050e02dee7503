// Avatars are initials on a colour picked from the username, so a person keeps their colour.
// Every colour carries white text at a contrast of at least 4.5:1, in both themes.
export const AVATAR_COLORS = ["#b3261e", "#1a5fb4", "#1e6b3a", "#6f42c1", "#9a4400", "#0f6a73", "#a3175f", "#4a5568"] as const;

export function avatarColor(username: string): string {
  let hash = 0;
  for (let i = 0; i < username.length; i++) hash = (hash * 31 + username.charCodeAt(i)) | 0;
  return AVATAR_COLORS[Math.abs(hash) % AVATAR_COLORS.length]!;
}

/** Up to two letters: the first of the first two words of the name. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map((w) => Array.from(w)[0]!.toUpperCase());
  return letters.join("") || "?";
}
