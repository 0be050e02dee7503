import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { encode as nextAuthEncode, type JWT } from "next-auth/jwt";
import { decodeSessionToken, encodeSessionToken, SESSION_MAX_AGE_S } from "@/lib/server/auth/session-codec";
import { connect, loginOrFail } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";
import { TEST_SECRET } from "../helpers/template-db";
import { tampered } from "../helpers/tampered-token";

const COOKIE = "next-auth.session-token";
const tokenOf = (cookie: string) => decodeURIComponent(new RegExp(`${COOKIE.replace(".", "\\.")}=([^;]+)`).exec(cookie)![1]!);
const cookieOf = (token: string) => `${COOKIE}=${token}`;

/** The user of `/api/auth/session` and the Set-Cookie it answers with (NextAuth re-encodes the token there). */
async function pageSession(server: TestServer, cookie: string): Promise<{ username?: string; setCookies: string[] }> {
  const res = await fetch(`${server.url}/api/auth/session`, { headers: { cookie } });
  const body = (await res.json()) as { user?: { username: string } };
  return { username: body.user?.username, setCookies: res.headers.getSetCookie() };
}

/** Where /chat sends this cookie: null when it renders the chat. */
async function chatRedirect(server: TestServer, cookie: string): Promise<string | null> {
  const res = await fetch(`${server.url}/chat`, { headers: { cookie }, redirect: "manual" });
  await res.body?.cancel();
  if (res.status === 200) return null;
  return new URL(res.headers.get("location") ?? "", server.url).pathname;
}

const socketAnswer = (server: TestServer, cookie: string) =>
  connect(server.url, { cookie }).then(
    (socket) => (socket.close(), "connected"),
    (error: Error) => error.message,
  );

describe("session tokens: one codec for the pages and the socket", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it("a sign-in's token is in our format, lives SESSION_MAX_AGE_S, and opens both the pages and a socket", async () => {
    const cookie = await loginOrFail(server.url, "alice");
    const claims = await decodeSessionToken({ token: tokenOf(cookie), secret: TEST_SECRET });
    assert.ok(claims);
    assert.equal(claims.username, "alice");
    assert.equal(typeof claims.sid, "string");
    assert.equal(claims.sv, 0);
    assert.equal(Number(claims.exp) - Number(claims.iat), SESSION_MAX_AGE_S);
    assert.equal((await pageSession(server, cookie)).username, "alice");
    assert.equal(await chatRedirect(server, cookie), null);
    assert.equal(await socketAnswer(server, cookie), "connected");
  });

  it("the token the pages re-encode (the jwt callback's) keeps the session and opens a socket", async () => {
    const cookie = await loginOrFail(server.url, "bob");
    const before = (await decodeSessionToken({ token: tokenOf(cookie), secret: TEST_SECRET }))!;
    const { username, setCookies } = await pageSession(server, cookie);
    assert.equal(username, "bob");
    const rolled = setCookies.find((c) => c.startsWith(`${COOKIE}=`));
    assert.ok(rolled, "NextAuth re-issues the session cookie");
    const token = tokenOf(rolled);
    assert.notEqual(token, tokenOf(cookie));
    const after = (await decodeSessionToken({ token, secret: TEST_SECRET }))!;
    assert.deepEqual([after.uid, after.sid, after.sv], [before.uid, before.sid, before.sv]);
    assert.equal(await socketAnswer(server, cookieOf(token)), "connected");
  });

  it("refuses, on the pages and the socket alike, a token from another secret, a tampered one, an expired one and NextAuth's own format", async () => {
    const claims = (await decodeSessionToken({ token: tokenOf(await loginOrFail(server.url, "carol")), secret: TEST_SECRET }))!;
    const session: JWT = { uid: claims.uid, username: claims.username, name: claims.name, sid: claims.sid, sv: claims.sv };
    const valid = await encodeSessionToken({ token: session, secret: TEST_SECRET });
    // The same claims re-encoded here are accepted: the refusals below are about the token alone.
    assert.equal((await pageSession(server, cookieOf(valid))).username, "carol");
    assert.equal(await socketAnswer(server, cookieOf(valid)), "connected");
    const refused: Record<string, string> = {
      "another secret": await encodeSessionToken({ token: session, secret: "another-secret-0123456789abcdef-0123456" }),
      tampered: tampered(valid),
      // Beyond the 15 s clock tolerance.
      expired: await encodeSessionToken({ token: session, secret: TEST_SECRET, maxAge: -60 }),
      "NextAuth's format": await nextAuthEncode({ token: session, secret: TEST_SECRET }),
    };
    for (const [what, token] of Object.entries(refused)) {
      const page = await pageSession(server, cookieOf(token));
      assert.equal(page.username, undefined, `${what}: no page session`);
      assert.ok(page.setCookies.some((c) => c.startsWith(`${COOKIE}=;`)), `${what}: the cookie is cleared`);
      assert.equal(await chatRedirect(server, cookieOf(token)), "/login", `${what}: /chat sends to /login`);
      assert.equal(await socketAnswer(server, cookieOf(token)), "unauthorized", `${what}: no socket`);
    }
  });
});
