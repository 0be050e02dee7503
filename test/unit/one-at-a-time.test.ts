import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { oneAtATime } from "@/lib/server/rate-limit/one-at-a-time";
import { isAppError } from "@/lib/shared/errors";

describe("oneAtATime (lib/server/rate-limit/one-at-a-time.ts)", () => {
  it("refuses a second request of the same key while the first runs, with rate_limited and retryAfterMs; other keys run", async () => {
    const run = oneAtATime("search", 250);
    let release!: () => void;
    const first = run(1, () => new Promise<string>((resolve) => (release = () => resolve("first"))));
    const second = run(1, async () => "second");
    await assert.rejects(second, (error: unknown) => isAppError(error) && error.code === "rate_limited" && error.retryAfterMs === 250);
    assert.equal(await run(2, async () => "other user"), "other user");
    release();
    assert.equal(await first, "first");
    assert.equal(await run(1, async () => "after"), "after", "the key is free once the first answered");
  });

  it("frees the key when the work fails", async () => {
    const run = oneAtATime("search", 250);
    await assert.rejects(run(7, async () => Promise.reject(new Error("boom"))), /boom/);
    assert.equal(await run(7, async () => "again"), "again");
  });
});
