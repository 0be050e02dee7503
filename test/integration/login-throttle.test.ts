import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startServer, type TestServer } from "../helpers/server";

interface Attempt {
  signedIn: boolean;
  /** NextAuth's `error` (what signIn() gives the form), when refused. */
  error: string | null;
}

/** One sign-in through NextAuth's real credentials endpoint, optionally as if behind a proxy. */
async function attempt(url: string, username: string, password: string, forwardedFor?: string): Promise<Attempt> {
  // Also claims the header through which the server passes the address on (it must overwrite it).
  const extra: Record<string, string> = forwardedFor ? { "x-forwarded-for": forwardedFor, "x-chat-client-address": forwardedFor } : {};
  const csrf = await fetch(`${url}/api/auth/csrf`, { headers: extra });
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { ...extra, "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
    redirect: "manual",
  });
  const signedIn = response.headers.getSetCookie().some((c) => c.includes("next-auth.session-token="));
  const { url: target } = (await response.json()) as { url: string };
  return { signedIn, error: new URL(target).searchParams.get("error") };
}

const THROTTLED = /^Too many attempts, try again in (\d+) s$/;

function assertThrottled(result: Attempt): number {
  assert.equal(result.signedIn, false);
  const match = THROTTLED.exec(result.error ?? "");
  assert.ok(match, `expected a throttling message, got ${result.error}`);
  return Number(match[1]);
}

/** Tries until the throttle lets the attempt be checked; fails after `ms`. */
async function untilNotThrottled(run: () => Promise<Attempt>, ms = 15_000): Promise<Attempt> {
  const deadline = Date.now() + ms;
  for (;;) {
    const result = await run();
    if (!THROTTLED.test(result.error ?? "")) return result;
    if (Date.now() > deadline) throw new Error("still throttled at the deadline");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("login throttling behind a trusted proxy", () => {
  let server: TestServer;

  before(async () => {
    // Short lockouts so the test can see one end; a small per-address budget so it can reach it.
    server = await startServer({ env: { TRUST_PROXY: "true", LOGIN_LOCKOUT_MAX_MS: "2000", LOGIN_FAILURES_PER_ADDRESS: "8" } });
  });
  after(() => server.stop());

  it("locks a username after 5 failures, everywhere but where its owner signed in before, and only for a while", async () => {
    const owner = "198.51.100.7";
    assert.equal((await attempt(server.url, "alice", "alice-password", owner)).signedIn, true);
    for (let i = 0; i < 5; i++) {
      const wrong = await attempt(server.url, "alice", `guess-${i}`, "203.0.113.1");
      assert.equal(wrong.error, "CredentialsSignin", `failure ${i + 1} is an ordinary wrong password`);
    }
    // The right password from the attacker's address, or from a new one, is not even checked.
    const seconds = assertThrottled(await attempt(server.url, "alice", "alice-password", "203.0.113.1"));
    assert.ok(seconds >= 1 && seconds <= 2, `lockout ${seconds} s is bounded by LOGIN_LOCKOUT_MAX_MS`);
    assertThrottled(await attempt(server.url, "alice", "alice-password", "203.0.113.99"));
    // The owner's known address is not locked out by someone else's failures.
    assert.equal((await attempt(server.url, "alice", "alice-password", owner)).signedIn, true);
    // Other users are untouched.
    assert.equal((await attempt(server.url, "bob", "bob-password", "203.0.113.99")).signedIn, true);
    // The lockout ends.
    const later = await untilNotThrottled(() => attempt(server.url, "alice", "alice-password", "203.0.113.1"));
    assert.equal(later.signedIn, true);
  });

  it("locks an address after LOGIN_FAILURES_PER_ADDRESS failures over any usernames", async () => {
    const sprayer = "203.0.113.50";
    for (let i = 0; i < 8; i++) {
      const wrong = await attempt(server.url, `nobody${i}`, "password", sprayer);
      assert.equal(wrong.error, "CredentialsSignin");
    }
    assertThrottled(await attempt(server.url, "carol", "carol-password", sprayer));
    assert.equal((await attempt(server.url, "carol", "carol-password", "203.0.113.51")).signedIn, true, "another address is not affected");
    const later = await untilNotThrottled(() => attempt(server.url, "carol", "carol-password", sprayer));
    assert.equal(later.signedIn, true);
  });
});

describe("login throttling without a trusted proxy", () => {
  let server: TestServer;

  before(async () => {
    server = await startServer({ env: { LOGIN_LOCKOUT_MAX_MS: "2000" } });
  });
  after(() => server.stop());

  it("ignores X-Forwarded-For and the internal address header: a client cannot dodge the lockout by claiming new addresses", async () => {
    for (let i = 0; i < 5; i++) {
      assert.equal((await attempt(server.url, "bob", `guess-${i}`, `192.0.2.${i}`)).error, "CredentialsSignin");
    }
    assertThrottled(await attempt(server.url, "bob", "bob-password", "192.0.2.200"));
  });
});
