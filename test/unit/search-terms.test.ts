import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeSearchCursor, encodeSearchCursor } from "@/lib/server/search/search-cursor";
import { termsOf, wordTerm } from "@/lib/server/search/search-terms";
import { indexedWords, segmentWords } from "@/lib/server/search/segment-text";

describe("search terms, segmentation and cursors", () => {
  it("splits unspaced scripts into words and indexes their 1-2 character pieces", () => {
    assert.deepEqual(segmentWords("我在上海工作").trim().split(/\s+/), ["我在", "上海", "工作"]);
    assert.equal(segmentWords("plain text, kept"), "plain text, kept");
    const indexed = indexedWords("go 上海!");
    assert.ok(indexed.startsWith("go  上海 !"), indexed);
    assert.deepEqual(indexed.split("\n")[1]!.split(" ").sort(), ["上", "上海", "海"].sort());
  });

  it("looks words of 3+ characters up as substrings, shorter ones as prefixes", () => {
    assert.deepEqual(wordTerm("deploy"), { kind: "substring", text: "deploy" });
    assert.deepEqual(wordTerm("lo"), { kind: "tokens", tokens: ["lo"], prefix: true });
    assert.deepEqual(wordTerm("海工"), { kind: "tokens", tokens: ["海工"], prefix: true });
    assert.equal(wordTerm(""), null);
  });

  it("never passes anything but letters, digits and marks on", () => {
    const { all, none } = termsOf({ words: ['a"b', "x\u0000*y"], phrases: ['"NEAR(a b)"'], excluded: ["-c:d"] });
    assert.deepEqual(all, [
      { kind: "tokens", tokens: ["a"], prefix: true },
      { kind: "tokens", tokens: ["b"], prefix: true },
      { kind: "tokens", tokens: ["x"], prefix: true },
      { kind: "tokens", tokens: ["y"], prefix: true },
      { kind: "tokens", tokens: ["near", "a", "b"], prefix: false },
    ]);
    assert.deepEqual(none, [{ kind: "tokens", tokens: ["c", "d"], prefix: false }]);
  });

  it("round-trips cursors and refuses any other", () => {
    assert.equal(decodeSearchCursor(encodeSearchCursor(123456)), 123456);
    for (const bad of ["", "x", "czA", Buffer.from("s01").toString("base64url"), `${encodeSearchCursor(5)}=`, "s5"]) {
      assert.throws(() => decodeSearchCursor(bad), { code: "invalid" }, bad);
    }
  });
});
