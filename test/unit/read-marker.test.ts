import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createReadMarker } from "@/lib/browser/messages/read-marker";

function deferred() {
  let resolve!: (ok: boolean) => void;
  const promise = new Promise<boolean>((r) => (resolve = r));
  return { promise, resolve };
}
const tick = () => new Promise((r) => setImmediate(r));

describe("read marker", () => {
  it("sends one request per room at a time, then only the highest seq asked for meanwhile", async () => {
    const calls: [string, number][] = [];
    const answers: ReturnType<typeof deferred>[] = [];
    const mark = createReadMarker((room, seq) => {
      calls.push([room, seq]);
      const d = deferred();
      answers.push(d);
      return d.promise;
    });
    mark("a", 3);
    mark("a", 4);
    mark("a", 6);
    mark("a", 5);
    mark("b", 1);
    assert.deepEqual(calls, [["a", 3], ["b", 1]]);
    answers[0]!.resolve(true);
    await tick();
    assert.deepEqual(calls.at(-1), ["a", 6]);
    answers[2]!.resolve(true);
    await tick();
    mark("a", 6);
    mark("a", 2);
    assert.equal(calls.length, 3, "nothing at or below what was sent");
  });

  it("asks again for a seq whose request failed", async () => {
    const calls: number[] = [];
    let ok = false;
    const mark = createReadMarker(async (_room, seq) => {
      calls.push(seq);
      return ok;
    });
    mark("a", 3);
    await tick();
    ok = true;
    mark("a", 3);
    await tick();
    mark("a", 3);
    assert.deepEqual(calls, [3, 3]);
  });
});
