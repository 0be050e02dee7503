import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addressGroup } from "@/lib/server/auth/address-group";
import { loginErrorMessage } from "@/lib/browser/auth/login-error";
import { FailureCounter, lockoutMs } from "@/lib/server/auth/failure-counter";
import { DEFAULT_LIMITS, resolveLimits } from "@/lib/server/rate-limit/limits";
import { MemoryBuckets } from "@/lib/server/rate-limit/memory-buckets";

describe("MemoryBuckets", () => {
  it("allows a burst, then says how long until the next token, per key and per bucket", () => {
    const buckets = new MemoryBuckets([10 / 1000, 1 / 1000], [3, 1]);
    for (let i = 0; i < 3; i++) assert.equal(buckets.take(1, 0, 0), 0);
    assert.equal(buckets.take(1, 0, 0), 100, "one token per 100 ms");
    assert.equal(buckets.take(1, 0, 100), 0, "refilled");
    assert.equal(buckets.take(2, 0, 0), 0, "another key has its own");
    assert.equal(buckets.take(1, 1, 0), 0, "another bucket has its own");
    assert.equal(buckets.take(1, 1, 0), 1000);
  });

  it("gives each refused request its own later token, so waiters retrying when told all pass once", () => {
    const buckets = new MemoryBuckets([10 / 1000], [3]);
    for (let i = 0; i < 3; i++) assert.equal(buckets.take(1, 0, 0), 0);
    const waits = Array.from({ length: 5 }, () => buckets.take(1, 0, 0));
    assert.deepEqual(waits, [100, 200, 300, 400, 500], "one token apart, not all at the next token");
    assert.equal(buckets.take(1, 0, 40), 560, "a later refusal queues behind the promised ones");
    // Each retries at its moment (in any order of arrival): one token each, no second refusal.
    for (const wait of waits) assert.equal(buckets.take(1, 0, wait), 0, `retry at ${wait}`);
    assert.equal(buckets.take(1, 0, 600), 0, "the later refusal's own moment");
    assert.equal(buckets.take(1, 0, 600), 100, "past the promises, the next refusal waits for the next token again");
  });

  it("keeps a key whose bucket is full while a promise to a refused request is pending", () => {
    const buckets = new MemoryBuckets([1 / 1000], [1]);
    assert.equal(buckets.take(1, 0, 0), 0);
    assert.equal(buckets.take(1, 0, 0), 1000);
    assert.equal(buckets.take(1, 0, 0), 2000);
    assert.equal(buckets.sweep(1500), 1, "full again, but a promise for 2000 is pending");
    assert.equal(buckets.sweep(2001), 0);
  });

  it("forgets keys whose buckets are full again", () => {
    const buckets = new MemoryBuckets([1 / 1000], [2]);
    buckets.take(1, 0, 0);
    buckets.take(2, 0, 0);
    buckets.take(2, 0, 0);
    assert.equal(buckets.sweep(1000), 1, "key 1 refilled, key 2 not yet");
    assert.equal(buckets.sweep(2000), 0);
  });
});

describe("resolveLimits", () => {
  it("keeps the documented defaults", () => {
    assert.deepEqual(DEFAULT_LIMITS["message:send"], { perSecond: 10, burst: 30 });
    assert.deepEqual(resolveLimits("", 1), DEFAULT_LIMITS);
  });
  it("applies overrides and the factor, and refuses unknown events", () => {
    const limits = resolveLimits("message:send=20/60, typing=0.5/4", 2);
    assert.deepEqual(limits["message:send"], { perSecond: 40, burst: 120 });
    assert.deepEqual(limits.typing, { perSecond: 1, burst: 8 });
    assert.throws(() => resolveLimits("message:sned=1/1", 1), /message:sned/);
  });
});

describe("lockoutMs", () => {
  it("locks from the threshold on, 15 s doubling, never beyond the maximum", () => {
    assert.equal(lockoutMs(2, 3, 40_000), 0);
    assert.equal(lockoutMs(3, 3, 40_000), 15_000);
    assert.equal(lockoutMs(4, 3, 40_000), 30_000);
    assert.equal(lockoutMs(5, 3, 40_000), 40_000, "bounded");
    assert.equal(lockoutMs(500, 3, 40_000), 40_000, "bounded however many");
    assert.equal(lockoutMs(3, 3, 2_000), 2_000, "a maximum below 15 s is the first lockout too");
  });
});

describe("FailureCounter (this process's memory, no REDIS_URL)", () => {
  it("locks a key at the threshold, per key, and forgets it when cleared", async () => {
    const counter = new FailureCounter("unit", 3, 60_000, 40_000);
    await counter.fail("k");
    await counter.fail("k");
    assert.equal(await counter.lockedFor("k"), 0);
    await counter.fail("k");
    const locked = await counter.lockedFor("k");
    assert.ok(locked > 10_000 && locked <= 15_000, `locked for ${locked} ms`);
    assert.equal(await counter.lockedFor("other"), 0);
    await counter.clear("k");
    assert.equal(await counter.lockedFor("k"), 0);
  });
});

describe("addressGroup", () => {
  it("counts an IPv6 /64 as one address and an IPv4-mapped address as its IPv4", () => {
    assert.equal(addressGroup("203.0.113.7"), "203.0.113.7");
    assert.equal(addressGroup("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
    assert.equal(addressGroup("2001:db8:1:2::ffff"), "2001:db8:1:2::/64");
    assert.equal(addressGroup("2001:0DB8:0001:0002::1"), "2001:db8:1:2::/64", "one spelling per group");
    assert.equal(addressGroup("2001:db8::1"), "2001:db8:0:0::/64");
    assert.equal(addressGroup("[2001:db8:1:3::1]"), "2001:db8:1:3::/64");
    assert.equal(addressGroup("fe80::1%eth0"), "fe80:0:0:0::/64");
    assert.equal(addressGroup("::ffff:198.51.100.9"), "198.51.100.9");
    assert.equal(addressGroup("::ffff:c633:6409"), "198.51.100.9");
    assert.equal(addressGroup("::1"), "0:0:0:0::/64");
    assert.equal(addressGroup("unknown"), "unknown");
    assert.equal(addressGroup("2001:db8::1:2:3:4:5:6:7"), "2001:db8::1:2:3:4:5:6:7", "not an address: itself");
  });
});

describe("loginErrorMessage", () => {
  it("shows the throttling sentence, the wrong-password one, and nothing raw otherwise", () => {
    assert.equal(loginErrorMessage("Too many attempts, try again in 12 s"), "Too many attempts, try again in 12 s.");
    assert.equal(loginErrorMessage("CredentialsSignin"), "Wrong username or password.");
    assert.equal(loginErrorMessage("<b>whatever</b>"), "Could not sign in. Try again.");
  });
});
