import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startServer, type TestServer } from "../helpers/server";
import { assertThrottled, attempt, untilNotThrottled } from "../helpers/sign-in-attempt";

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

  it("counts an IPv6 /64 as one address, and an IPv4-mapped address as its IPv4", async () => {
    // Eight failures from eight addresses of one /64 (any subscriber has 2^64 of them).
    for (let i = 1; i <= 8; i++) {
      const wrong = await attempt(server.url, `nobody${i}`, "password", `2001:db8:77:1::${i.toString(16)}`);
      assert.equal(wrong.error, "CredentialsSignin");
    }
    assertThrottled(await attempt(server.url, "carol", "carol-password", "2001:db8:77:1:ffff:1:2:3"), "the /64 to be locked");
    assert.equal((await attempt(server.url, "carol", "carol-password", "2001:db8:77:2::1")).signedIn, true, "the next /64 is not");
    for (let i = 0; i < 8; i++) {
      assert.equal((await attempt(server.url, `nobody${i}`, "password", "::ffff:203.0.113.70")).error, "CredentialsSignin");
    }
    assertThrottled(await attempt(server.url, "carol", "carol-password", "203.0.113.70"), "the mapped address's IPv4 to be locked");
  });
});

describe("login throttling of every attempt, right or wrong", () => {
  let server: TestServer;

  before(async () => {
    server = await startServer({ env: { TRUST_PROXY: "true", LOGIN_ATTEMPTS_PER_MINUTE: "5" } });
  });
  after(() => server.stop());

  it("limits successful sign-ins per address group (each costs a password hash), with the form's message", async () => {
    for (let i = 0; i < 5; i++) {
      const ok = await attempt(server.url, "alice", "alice-password", `2001:db8:88:1::${i + 1}`);
      assert.equal(ok.signedIn, true, `sign-in ${i + 1} is within the budget`);
    }
    const seconds = assertThrottled(await attempt(server.url, "alice", "alice-password", "2001:db8:88:1::99"), "the 6th sign-in in a minute to wait");
    assert.ok(seconds >= 1 && seconds <= 60, `the wait (${seconds} s) is at most the minute`);
    assertThrottled(await attempt(server.url, "bob", "wrong", "2001:db8:88:1::100"), "a wrong password is refused before it is checked");
    assert.equal((await attempt(server.url, "bob", "bob-password", "198.51.100.30")).signedIn, true, "another address has its own budget");
  });
});

describe("login throttling across a restart", () => {
  let server: TestServer;

  before(async () => {
    server = await startServer({ env: { TRUST_PROXY: "true", LOGIN_LOCKOUT_MAX_MS: "60000" } });
  });
  after(() => server.stop());

  it("still exempts the owner's known address from the username lockout after the server restarts", async () => {
    const owner = "2001:db8:99:1::7";
    assert.equal((await attempt(server.url, "carol", "carol-password", owner)).signedIn, true);
    await server.terminate();
    await server.restart();
    for (let i = 0; i < 5; i++) {
      assert.equal((await attempt(server.url, "carol", `guess-${i}`, "203.0.113.80")).error, "CredentialsSignin");
    }
    assertThrottled(await attempt(server.url, "carol", "carol-password", "203.0.113.81"), "the username to be locked");
    assert.equal((await attempt(server.url, "carol", "carol-password", owner)).signedIn, true, "the owner's known address signs in");
    // Another address of the owner's /64 is the same known address.
    assert.equal((await attempt(server.url, "carol", "carol-password", "2001:db8:99:1::8")).signedIn, true, "so does the rest of its /64");
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
