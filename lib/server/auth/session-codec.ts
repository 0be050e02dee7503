import { hkdfSync, randomUUID } from "node:crypto";
import { EncryptJWT, errors, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";
import { z } from "zod";
import { AppError } from "@/lib/shared/errors";

// The session token's format is ours: NextAuth encodes and decodes it through its documented
// `jwt.encode/decode` options (lib/auth.ts) and the socket handshake uses the same functions
// (lib/server/realtime/authenticate.ts), so neither depends on how NextAuth builds its own tokens.
// An encrypted JWT (JWE, dir + A256GCM): the claims name the user and the browser session, which a
// copied cookie should not show. The key is derived from the secret under our own label, so a token
// in NextAuth's format (same secret, NextAuth's label) does not decrypt here.

/** How long a session token is valid (NextAuth's `session.maxAge`, lib/auth.ts). */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

const KEY_LABEL = "chat session token v1";
const TOKEN_TYPE = "chat-session+jwt";
// Nodes' clocks may differ a little: as NextAuth's own decode allowed.
const CLOCK_TOLERANCE_S = 15;

/** What lib/auth.ts's `jwt` callback puts in every token; other claims (iat, exp, jti, sub) pass through. */
const claimsSchema = z.looseObject({
  uid: z.number().int().positive(),
  username: z.string().min(1),
  name: z.string().nullish(),
  sid: z.string().min(1),
  sv: z.number().int().min(0),
});

// Deriving is most of a decode's crypto and depends on the secret alone: once per secret.
const keys = new Map<string, Uint8Array>();

function keyOf(secret: string | Buffer): Uint8Array {
  const material = Buffer.from(secret);
  const id = material.toString("base64");
  let key = keys.get(id);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", material, "", KEY_LABEL, 32));
    keys.set(id, key);
  }
  return key;
}

/**
 * NextAuth salts the tokens of its OAuth checks; this app has no OAuth provider, and session
 * tokens are never salted. A provider that needs them must add its own format here, not share this key.
 */
function refuseSalt(salt: string | undefined): void {
  if (salt) throw new AppError("internal", "the session codec encodes session tokens only (no salted tokens)");
}

/** `jwt.encode` for NextAuth: the claims, valid for `maxAge` seconds from now. */
export async function encodeSessionToken(params: JWTEncodeParams): Promise<string> {
  refuseSalt(params.salt);
  const claims = claimsSchema.parse(params.token ?? {});
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT(claims)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM", typ: TOKEN_TYPE })
    .setIssuedAt(now)
    .setExpirationTime(now + (params.maxAge ?? SESSION_MAX_AGE_S))
    .setJti(randomUUID())
    .encrypt(keyOf(params.secret));
}

/**
 * `jwt.decode` for NextAuth and the handshake: the claims, null without a token, or an
 * `unauthorized` AppError for a token that is foreign, tampered with, expired or malformed.
 */
export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  refuseSalt(params.salt);
  if (!params.token) return null;
  let payload: unknown;
  try {
    ({ payload } = await jwtDecrypt(params.token, keyOf(params.secret), {
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
      typ: TOKEN_TYPE,
      requiredClaims: ["iat", "exp"],
      clockTolerance: CLOCK_TOLERANCE_S,
    }));
  } catch (error) {
    throw new AppError("unauthorized", `the session token is not valid (${reasonOf(error)})`);
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new AppError("unauthorized", "the session token is not valid (claims)");
  return claims.data;
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JOSEError) return error.code;
  return error instanceof Error ? error.name : "unknown";
}
