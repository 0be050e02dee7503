/** The JWE token with one character of its ciphertext changed: still well-formed, no longer authentic. */
export function tampered(token: string): string {
  const parts = token.split(".");
  const ciphertext = parts[3]!;
  const i = Math.floor(ciphertext.length / 2);
  parts[3] = ciphertext.slice(0, i) + (ciphertext[i] === "A" ? "B" : "A") + ciphertext.slice(i + 1);
  return parts.join(".");
}
