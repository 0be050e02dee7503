// Judges a NEXTAUTH_SECRET set by the operator. Anyone who knows the secret can forge a session
// for any user, so a copied example value is as bad as none. The generated secret
// (data/session-secret, 32 random bytes) never goes through here.

const PLACEHOLDERS = ["changeme", "change-me", "change_me", "replaceme", "replace-me", "replace_me", "your-secret", "your_secret", "yoursecret", "placeholder", "example", "xxxxxxxx", "generate-"];

/** Fewer distinct characters than this is a pattern (aaaa…, 1212…), not a secret. */
const MIN_DISTINCT = 10;

export const MIN_SECRET_LENGTH = 32;

/** Why `secret` is too weak to sign sessions, or null when it will do. Never repeats the secret. */
export function secretWeakness(secret: string): string | null {
  if (secret.length < MIN_SECRET_LENGTH) return `it is shorter than ${MIN_SECRET_LENGTH} characters`;
  const lower = secret.toLowerCase();
  if (PLACEHOLDERS.some((word) => lower.includes(word))) return "it looks like a placeholder from an example";
  if (new Set(secret).size < MIN_DISTINCT) return `it has fewer than ${MIN_DISTINCT} distinct characters`;
  return null;
}
