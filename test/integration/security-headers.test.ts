import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { startServer, type TestServer } from "../helpers/server";
import { signIn } from "../helpers/sign-in";

function directives(policy: string | null): Map<string, string> {
  assert.ok(policy, "a Content-Security-Policy header");
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(" ")]));
}

function assertCommonHeaders(res: Response, what: string): void {
  assert.equal(res.headers.get("x-content-type-options"), "nosniff", what);
  assert.equal(res.headers.get("referrer-policy"), "same-origin", what);
  assert.equal(res.headers.get("x-frame-options"), "DENY", what);
  assert.match(directives(res.headers.get("content-security-policy")).get("frame-ancestors") ?? "", /^'none'$/, what);
}

/** Signs in and returns the raw Set-Cookie header of the session cookie. */
async function sessionSetCookie(server: TestServer, username: string): Promise<string> {
  const { setCookies } = await signIn(server.url, { username, password: `${username}-password` });
  const cookie = setCookies.find((c) => /next-auth\.session-token=/.test(c));
  assert.ok(cookie, "a session cookie is set");
  return cookie;
}

describe("security headers and cookies", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it("pages carry a CSP with a fresh nonce that Next puts on its scripts", async () => {
    const [first, second] = [await fetch(`${server.url}/login`), await fetch(`${server.url}/login`)];
    assertCommonHeaders(first, "/login");
    const policy = directives(first.headers.get("content-security-policy"));
    const nonce = /'nonce-([^']+)'/.exec(policy.get("script-src") ?? "")?.[1];
    assert.ok(nonce, "script-src has a nonce");
    assert.notEqual(second.headers.get("content-security-policy"), first.headers.get("content-security-policy"), "one nonce per request");
    assert.doesNotMatch(policy.get("script-src") ?? "", /unsafe-inline|unsafe-eval/);
    assert.equal(policy.get("object-src"), "'none'");
    assert.equal(policy.get("base-uri"), "'self'");
    assert.equal(policy.get("form-action"), "'self'");
    assert.equal(policy.get("connect-src"), `'self' ws://localhost:${server.port}`);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(scripts.length > 0);
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), `script without the nonce: ${tag}`);
  });

  it("API responses and the operator endpoints carry the headers too", async () => {
    for (const route of ["/api/auth/session", "/api/auth/csrf", "/chat"]) {
      assertCommonHeaders(await fetch(`${server.url}${route}`, { redirect: "manual" }), route);
    }
    for (const route of ["/api/health", "/api/ready", "/metrics"]) {
      const res = await fetch(`${server.url}${route}`);
      assertCommonHeaders(res, route);
      assert.equal(directives(res.headers.get("content-security-policy")).get("default-src"), "'none'", route);
    }
  });

  it("the session cookie is HttpOnly and SameSite=Lax, and not Secure over http", async () => {
    const cookie = await sessionSetCookie(server, "alice");
    assert.match(cookie, /^next-auth\.session-token=/);
    assert.match(cookie, /;\s*HttpOnly/i);
    assert.match(cookie, /;\s*SameSite=Lax/i);
    assert.doesNotMatch(cookie, /;\s*Secure/i);
  });
});

describe("with an https NEXTAUTH_URL", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ env: { NEXTAUTH_URL: "https://chat.example" } });
  });
  after(() => server.stop());

  it("the session cookie is Secure (and __Secure- prefixed), HttpOnly and SameSite=Lax; pages say upgrade-insecure-requests", async () => {
    const cookie = await sessionSetCookie(server, "bob");
    assert.match(cookie, /^__Secure-next-auth\.session-token=/);
    assert.match(cookie, /;\s*Secure/i);
    assert.match(cookie, /;\s*HttpOnly/i);
    assert.match(cookie, /;\s*SameSite=Lax/i);
    const page = await fetch(`${server.url}/login`);
    const policy = directives(page.headers.get("content-security-policy"));
    assert.ok(policy.has("upgrade-insecure-requests"));
    assert.equal(policy.get("connect-src"), "'self' wss://chat.example");
    assert.match(page.headers.get("strict-transport-security") ?? "", /max-age=\d+/);
  });
});

describe("the session secret", () => {
  for (const [label, secret] of [
    ["a placeholder", "changeme-changeme-changeme-changeme-1234"],
    ["a pattern", "abababababababababababababababababab"],
  ] as const) {
    it(`production refuses to start with ${label}, without printing it`, async () => {
      const failed = await startServer({ env: { NEXTAUTH_SECRET: secret } }).then(
        async (s) => (await s.stop(), "started"),
        (e: Error) => e.message,
      );
      assert.match(failed, /server exited with 1/);
      assert.match(failed, /NEXTAUTH_SECRET: too weak for production/);
      assert.ok(!failed.includes(secret), "the secret is not printed");
    });
  }

  it("starts with the generated secret when none is set, and never logs it", async () => {
    const server = await startServer({ env: { NEXTAUTH_SECRET: undefined as unknown as string, LOG_LEVEL: "trace" } });
    try {
      const generated = readFileSync(path.join(server.dataDir, "session-secret"), "utf8").trim();
      assert.ok(generated.length >= 32);
      const res = await fetch(`${server.url}/api/auth/session`);
      assert.equal(res.status, 200);
      await fetch(`${server.url}/login`);
      assert.ok(server.output().includes("listening"));
      assert.ok(!server.output().includes(generated), "the generated secret is not in the logs");
    } finally {
      await server.stop();
    }
  });
});
