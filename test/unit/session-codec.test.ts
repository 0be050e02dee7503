import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { decodeProtectedHeader, UnsecuredJWT } from "jose";
import { encode as nextAuthEncode } from "next-auth/jwt";
import { decodeSessionToken, encodeSessionToken, SESSION_MAX_AGE_S } from "@/lib/server/auth/session-codec";
import { isAppError } from "@/lib/shared/errors";
import type { JWT } from "next-auth/jwt";
import { tampered } from "../helpers/tampered-token";

const secret = "unit-tests-secret-0123456789abcdef-0123";
/** Claims that the types would not allow, as a caller with a bug might pass. */
const unchecked = (token: object) => token as unknown as JWT;
const claims = () => ({ uid: 7, username: "alice", name: "Alice", sid: randomUUID(), sv: 2, sub: "7" });

async function refusal(token: string, decodeSecret = secret): Promise<string> {
  try {
    await decodeSessionToken({ token, secret: decodeSecret });
  } catch (error) {
    assert.ok(isAppError(error), `an AppError, got ${String(error)}`);
    assert.equal(error.code, "unauthorized");
    return error.message;
  }
  assert.fail("the token was accepted");
}

describe("session codec", () => {
  it("decodes what it encodes: the claims, issued now, valid for maxAge, in an encrypted JWT of our own type", async () => {
    const input = claims();
    const token = await encodeSessionToken({ token: input, secret, maxAge: 3600 });
    assert.deepEqual(decodeProtectedHeader(token), { alg: "dir", enc: "A256GCM", typ: "chat-session+jwt" });
    const readable = token.split(".").map((part) => Buffer.from(part, "base64url").toString("latin1"));
    assert.ok(!readable.some((text) => text.includes("alice")), "the claims are not readable");
    const decoded = await decodeSessionToken({ token, secret });
    assert.ok(decoded);
    const { iat, exp, jti, ...rest } = decoded;
    assert.deepEqual(rest, input);
    assert.ok(Math.abs(Number(iat) - Date.now() / 1000) < 5);
    assert.equal(Number(exp) - Number(iat), 3600);
    assert.equal(typeof jti, "string");
  });

  it("lives SESSION_MAX_AGE_S without a maxAge, and a re-encoded token gets a fresh lifetime and id", async () => {
    const first = (await decodeSessionToken({ token: await encodeSessionToken({ token: claims(), secret }), secret }))!;
    assert.equal(Number(first.exp) - Number(first.iat), SESSION_MAX_AGE_S);
    // NextAuth re-encodes the decoded claims (iat, exp, jti included) when a page reads the session.
    const again = (await decodeSessionToken({ token: await encodeSessionToken({ token: { ...first, exp: 1 }, secret, maxAge: 60 }), secret }))!;
    assert.equal(Number(again.exp) - Number(again.iat), 60);
    assert.notEqual(again.jti, first.jti);
    assert.equal(again.sid, first.sid);
  });

  it("gives null without a token", async () => {
    assert.equal(await decodeSessionToken({ token: undefined, secret }), null);
    assert.equal(await decodeSessionToken({ token: "", secret }), null);
  });

  it("refuses a token made with another secret, a tampered one and an expired one", async () => {
    const token = await encodeSessionToken({ token: claims(), secret });
    assert.match(await refusal(token, "another-secret-0123456789abcdef-01234567"), /ERR_JWE_DECRYPTION_FAILED/);
    assert.match(await refusal(tampered(token)), /ERR_JWE_DECRYPTION_FAILED/);
    // 15 s of clock tolerance between nodes, no more.
    assert.ok(await decodeSessionToken({ token: await encodeSessionToken({ token: claims(), secret, maxAge: -10 }), secret }));
    assert.match(await refusal(await encodeSessionToken({ token: claims(), secret, maxAge: -20 })), /ERR_JWT_EXPIRED/);
  });

  it("refuses NextAuth's own token format made with the same secret, and tokens that are not encrypted", async () => {
    assert.match(await refusal(await nextAuthEncode({ token: claims(), secret })), /not valid/);
    const unsecured = new UnsecuredJWT(claims()).setIssuedAt().setExpirationTime("1h").encode();
    assert.match(await refusal(unsecured), /not valid/);
    assert.match(await refusal("not.a.token"), /not valid/);
  });

  it("never issues a token without the claims every session needs", async () => {
    const withoutSid: Record<string, unknown> = claims();
    delete withoutSid.sid;
    await assert.rejects(encodeSessionToken({ token: unchecked(withoutSid), secret }));
    await assert.rejects(encodeSessionToken({ token: unchecked({ ...claims(), uid: "7" }), secret }));
    await assert.rejects(encodeSessionToken({ token: { ...claims(), sv: -1 }, secret }));
  });

  it("refuses NextAuth's salted (OAuth check) tokens rather than sharing the session key with them", async () => {
    await assert.rejects(encodeSessionToken({ token: claims(), secret, salt: "pkce" }), (e: Error) => isAppError(e) && e.code === "internal");
    const token = await encodeSessionToken({ token: claims(), secret });
    await assert.rejects(decodeSessionToken({ token, secret, salt: "pkce" }), (e: Error) => isAppError(e) && e.code === "internal");
  });
});
