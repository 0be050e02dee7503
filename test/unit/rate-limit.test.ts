import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loginErrorMessage } from "@/lib/client/login-error";
import { FailureCounter } from "@/lib/login/failure-counter";
import { DEFAULT_LIMITS, resolveLimits } from "@/lib/rate-limit/limits";
import { MemoryBuckets } from "@/lib/rate-limit/memory-buckets";

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

describe("FailureCounter", () => {
  it("locks from the threshold on, longer each time, never beyond the maximum, and forgets after a quiet window", () => {
    const counter = new FailureCounter(3, 60_000, 40_000);
    counter.fail("k", 0);
    counter.fail("k", 0);
    assert.equal(counter.lockedFor("k", 0), 0);
    counter.fail("k", 0);
    assert.equal(counter.lockedFor("k", 0), 15_000);
    counter.fail("k", 15_000);
    assert.equal(counter.lockedFor("k", 15_000), 30_000);
    counter.fail("k", 45_000);
    assert.equal(counter.lockedFor("k", 45_000), 40_000, "bounded");
    counter.fail("k", 200_000);
    assert.equal(counter.lockedFor("k", 200_000), 0, "a new window starts from zero");
    counter.clear("k");
    assert.equal(counter.lockedFor("k", 200_000), 0);
  });
});

describe("loginErrorMessage", () => {
  it("shows the throttling sentence, the wrong-password one, and nothing raw otherwise", () => {
    assert.equal(loginErrorMessage("Too many attempts, try again in 12 s"), "Too many attempts, try again in 12 s.");
    assert.equal(loginErrorMessage("CredentialsSignin"), "Wrong username or password.");
    assert.equal(loginErrorMessage("<b>whatever</b>"), "Could not sign in. Try again.");
  });
});
