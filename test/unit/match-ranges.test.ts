import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { markedParts, snippetWindow } from "@/lib/browser/search/marked-parts";
import { foldText } from "@/lib/shared/search/fold-text";
import { matchRanges } from "@/lib/shared/search/match-ranges";
import { parseSearchQuery } from "@/lib/shared/search/search-query";

/** The marked stretches of `text` for the query `input`, as text. */
const marked = (input: string, text: string) => matchRanges(text, parseSearchQuery(input)).map(([start, end]) => text.slice(start, end));

describe("search match ranges", () => {
  it("marks words of 3+ characters anywhere, folding case and diacritics both ways", () => {
    assert.deepEqual(marked("deploy", "The deployment was redeployed"), ["deploy", "deploy"]);
    assert.deepEqual(marked("cafe", "Un Café, deux CAFÉS"), ["Café", "CAFÉ"]);
    assert.deepEqual(marked("CAFÉ", "cafe au lait"), ["cafe"]);
    // Decomposed text: the accent is part of the mark.
    assert.deepEqual(marked("cafe", "Cafe\u0301 noir"), ["Cafe\u0301"]);
    assert.deepEqual(marked("califrag", "supercalifragilistic"), ["califrag"]);
    assert.deepEqual(marked("Straße", "die STRASSE, die Straße"), ["Straße"]);
  });

  it("marks a word of 1-2 characters only at the start of a word, but anywhere in unspaced scripts", () => {
    assert.deepEqual(marked("lo", "hello, look at the log"), ["lo", "lo"]);
    assert.deepEqual(marked("上海", "我在上海工作"), ["上海"]);
    assert.deepEqual(marked("作", "我在上海工作"), ["作"]);
    assert.deepEqual(marked("上海工", "我在上海工作"), ["上海工"]);
  });

  it("marks a phrase as whole words in sequence", () => {
    assert.deepEqual(marked('"deploy failed"', "the deploy  failed, deployment failed, deploy failedx"), ["deploy  failed"]);
    // Punctuation between the words is no word: the index skips it too.
    assert.deepEqual(marked('"Ça va"', "ça, va? ça va! çava"), ["ça, va", "ça va"]);
  });

  it("marks neither excluded terms nor operators, and nothing for an empty query", () => {
    assert.deepEqual(marked("build -failed from:@bob in:#ops has:link", "build failed from bob in ops"), ["build"]);
    assert.deepEqual(marked("", "anything"), []);
    assert.deepEqual(marked("---", "anything"), []);
  });

  it("joins overlapping and touching matches and keeps them in order", () => {
    assert.deepEqual(marked("abc bcd", "xabcdx abc"), ["abcd", "abc"]);
    assert.deepEqual(marked("ab abc", "abc ab"), ["abc", "ab"]);
  });

  it("gives ranges of the original text past astral characters and case changes of another length", () => {
    const text = "😀😀 İstanbul ǅemal café";
    assert.deepEqual(marked("istanbul café", text), ["İstanbul", "café"]);
    const folded = foldText(text);
    assert.equal(folded.text.length, folded.from.length);
    assert.equal(folded.text.length, folded.to.length);
  });

  it("treats markup in a message as text", () => {
    const text = '<img src=x onerror="alert(1)"> <b>bold</b>';
    assert.deepEqual(marked("img onerror", text), ["img", "onerror"]);
    const parts = markedParts(text, matchRanges(text, parseSearchQuery("img")));
    assert.equal(parts.map((p) => p.text).join(""), text);
  });
});

describe("search result snippets", () => {
  it("shows a short text whole, split at its matches", () => {
    const text = "deploy failed again";
    assert.deepEqual(markedParts(text, [[0, 6], [14, 19]]), [
      { text: "deploy", marked: true },
      { text: " failed ", marked: false },
      { text: "again", marked: true },
    ]);
  });

  it("cuts a long text to a window around its first match, at a word, with ellipses", () => {
    const text = `${"lorem ipsum ".repeat(50)}needle ${"dolor sit ".repeat(50)}`;
    const at = text.indexOf("needle");
    const parts = markedParts(text, [[at, at + 6]], 100);
    assert.equal(parts[0]!.text, "…");
    assert.equal(parts.at(-1)!.text, "…");
    assert.deepEqual(parts.filter((p) => p.marked), [{ text: "needle", marked: true }]);
    const [start, end] = snippetWindow(text, [[at, at + 6]], 100);
    assert.ok(end - start <= 100 && start < at && end > at + 6);
    assert.equal(text[start - 1], " ");
  });

  it("never cuts a surrogate pair, and keeps matches clipped to the window", () => {
    const text = "😀".repeat(200);
    const [start, end] = snippetWindow(text, [[100, 102]], 51);
    assert.equal(start % 2, 0);
    assert.equal(end % 2, 0);
    const parts = markedParts(text, [[0, 400]], 51);
    assert.ok(parts.every((p) => !/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(p.text)));
  });
});
