import { jwtDecrypt } from "jose";
import { hkdfSync } from "node:crypto";
import type { JWT } from "next-auth/jwt";

// NextAuth's own `decode` derives the encryption key from the secret (HKDF) on every call, which
// was most of a handshake's crypto. The key depends on the secret alone: derive it once per secret.
// Same derivation and checks as next-auth/jwt's decode (dir + A256GCM, 15 s clock tolerance).
const keys = new Map<string, Uint8Array>();

function keyOf(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    keys.set(secret, key);
  }
  return key;
}

/** A drop-in `decode` for getToken: the token's claims, or an error if it is not valid. */
export async function decodeSessionToken(params: { token?: string; secret: string | Buffer }): Promise<JWT | null> {
  if (!params.token) return null;
  const { payload } = await jwtDecrypt(params.token, keyOf(String(params.secret)), { clockTolerance: 15 });
  return payload as JWT;
}
