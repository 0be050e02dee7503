import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { oneAtATime } from "@/lib/server/rate-limit/one-at-a-time";
import { isAppError } from "@/lib/shared/errors";

function deferred(): { promise: Promise<void>; release: () => void } {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe("oneAtATime (lib/server/rate-limit/one-at-a-time.ts)", () => {
  it("runs one key's work one after another, other keys beside it", async () => {
    const run = oneAtATime("search", { maxInFlight: 3, retryAfterMs: 250 });
    const gate = deferred();
    const order: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string, wait?: Promise<void>) => async () => {
      most = Math.max(most, ++running);
      order.push(`start ${name}`);
      await wait;
      running--;
      return name;
    };
    const first = run(1, task("a", gate.promise));
    const second = run(1, task("b"));
    assert.equal(await run(2, async () => "other user"), "other user", "another key does not wait");
    assert.deepEqual(order, ["start a"], "b waits for a");
    gate.release();
    assert.deepEqual(await Promise.all([first, second]), ["a", "b"]);
    assert.equal(most, 1, "never two of one key at once");
  });

  it("refuses with rate_limited and retryAfterMs beyond maxInFlight, and goes on after a failure", async () => {
    const run = oneAtATime("search", { maxInFlight: 2, retryAfterMs: 250 });
    const gate = deferred();
    const first = run(7, () => gate.promise.then(() => Promise.reject(new Error("boom"))));
    const second = run(7, async () => "second");
    await assert.rejects(run(7, async () => "third"), (error: unknown) => isAppError(error) && error.code === "rate_limited" && error.retryAfterMs === 250);
    gate.release();
    await assert.rejects(first, /boom/);
    assert.equal(await second, "second");
    assert.equal(await run(7, async () => "again"), "again");
  });
});
