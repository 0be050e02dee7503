import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { roomSlugSchema, usernameSchema } from "@/lib/shared/protocol/schemas";
import {
  MAX_FILTER_VALUES,
  MAX_TERM_CHARS,
  MAX_TERMS,
  isEmptySearch,
  parseSearchQuery,
  type SearchQuery,
} from "@/lib/shared/search/search-query";
import { seeded } from "../helpers/fuzz-values";

const none: SearchQuery = { words: [], phrases: [], excluded: [], from: [], in: [], before: null, after: null, has: [] };
const parsed = (input: string, expected: Partial<SearchQuery>) => assert.deepEqual(parseSearchQuery(input), { ...none, ...expected }, input);
const codePoints = (s: string) => [...s].length;

const WORD = /^[\p{L}\p{N}\p{M}]+$/u;
const PHRASE = /^[\p{L}\p{N}\p{M}]+(?: [\p{L}\p{N}\p{M}]+)*$/u;
const DAY_START = /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/;

/** What every parse must respect, whatever its input. */
function assertBounded(q: SearchQuery, input: string): void {
  const terms = [...q.words, ...q.phrases, ...q.excluded];
  assert.ok(terms.length <= MAX_TERMS, input);
  for (const term of terms) {
    assert.ok(codePoints(term) >= 1 && codePoints(term) <= MAX_TERM_CHARS, input);
    assert.equal(term, term.normalize("NFC").toLowerCase(), input);
  }
  for (const word of q.words) assert.match(word, WORD, input);
  for (const phrase of [...q.phrases, ...q.excluded]) assert.match(phrase, PHRASE, input);
  for (const list of [q.words, q.phrases, q.excluded, q.from, q.in, q.has]) assert.equal(new Set(list).size, list.length, input);
  assert.ok(q.from.length <= MAX_FILTER_VALUES && q.in.length <= MAX_FILTER_VALUES, input);
  for (const name of q.from) assert.equal(usernameSchema.parse(name), name, input);
  for (const slug of q.in) assert.equal(roomSlugSchema.parse(slug), slug, input);
  for (const day of [q.before, q.after]) if (day !== null) assert.match(day, DAY_START, input);
  for (const has of q.has) assert.ok(has === "link" || has === "mention", input);
}


describe("search query: terms", () => {
  it("reads words lower-cased and NFC, split at anything that is not a letter or digit", () => {
    parsed("Deploy FAILED", { words: ["deploy", "failed"] });
    parsed("deploy-bot-v2 it's 3.14", { words: ["deploy", "bot", "v2", "it", "s", "3", "14"] });
    parsed("Cafe\u0301 CAFÉ café", { words: ["café"] });
    parsed("上海 我在上海工作", { words: ["上海", "我在上海工作"] });
    parsed("naïve Ελλάδα Москва 🚀 ship 🎉", { words: ["naïve", "ελλάδα", "москва", "ship"] });
  });

  it("reads phrases as their words joined by single spaces", () => {
    parsed('"An  Exact,\tPhrase!" tail', { words: ["tail"], phrases: ["an exact phrase"] });
    parsed('head"glued phrase"tail', { words: ["head", "tail"], phrases: ["glued phrase"] });
    parsed('"unclosed quote runs on', { phrases: ["unclosed quote runs on"] });
    parsed('"" "!!!" " " x', { words: ["x"] });
    parsed('"from:alice in:#room"', { phrases: ["from alice in room"] });
  });

  it("excludes -word and -\"phrase\"; a lone - is nothing", () => {
    parsed('deploy -wip -"Old Stuff"', { words: ["deploy"], excluded: ["wip", "old stuff"] });
    parsed("- -- x - ", { words: ["x"] });
    parsed('-"" -!!! --twice', { excluded: ["twice"] });
    parsed("-deploy-bot", { excluded: ["deploy bot"] });
    parsed("-from:bob", { excluded: ["from bob"] });
  });

  it("removes duplicates, keeping the first order", () => {
    parsed('b a B A "x y" "X  Y" -z -Z', { words: ["b", "a"], phrases: ["x y"], excluded: ["z"] });
  });
});

describe("search query: operators", () => {
  it("reads from: and in: with or without @ and #, lower-cased, several values", () => {
    parsed("from:@Alice from:bob FROM:alice in:#General In:dev-ops", { from: ["alice", "bob"], in: ["general", "dev-ops"] });
    parsed("from:a.b_c-d in:x1", { from: ["a.b_c-d"], in: ["x1"] });
  });

  it("keeps at most 8 from: and 8 in: values, without turning the rest into words", () => {
    const many = Array.from({ length: 12 }, (_, i) => `from:u${i} in:r${i}`).join(" ");
    const q = parseSearchQuery(many);
    assert.deepEqual(q.from, Array.from({ length: 8 }, (_, i) => `u${i}`));
    assert.deepEqual(q.in, Array.from({ length: 8 }, (_, i) => `r${i}`));
    assert.deepEqual(q.words, []);
  });

  it("reads before: as that day's start and after: as the next day's start, UTC", () => {
    parsed("before:2026-12-01 after:2026-11-01", { before: "2026-12-01T00:00:00.000Z", after: "2026-11-02T00:00:00.000Z" });
    parsed("after:2026-12-31 BEFORE:2024-02-29", { after: "2027-01-01T00:00:00.000Z", before: "2024-02-29T00:00:00.000Z" });
    parsed("before:2026-12-01 before:2026-06-01 after:2026-01-01 after:2026-03-01", {
      before: "2026-06-01T00:00:00.000Z",
      after: "2026-03-02T00:00:00.000Z",
    });
  });

  it("reads has:link and has:mention", () => {
    parsed("has:link HAS:Mention has:link", { has: ["link", "mention"] });
  });

  it("searches an operator with an invalid value as plain words", () => {
    parsed("before:yesterday", { words: ["before", "yesterday"] });
    parsed("before:2026-13-45 after:2023-02-29", { words: ["before", "2026", "13", "45", "after", "2023", "02", "29"] });
    parsed("before:26-1-1 after:0099-01-01", { words: ["before", "26", "1", "after", "0099", "01"] });
    parsed("after:9999-12-31 before:2026-12-01T00:00", { words: ["after", "9999", "12", "31", "before", "2026", "01t00", "00"] });
    parsed("has:photo has: from: in:# in:#-x", { words: ["has", "photo", "from", "in", "x"] });
    parsed("from:@@alice from:al!ce from:alice,bob", { words: ["from", "alice", "al", "ce", "bob"] });
    parsed(`from:${"a".repeat(33)} in:${"r".repeat(65)}`, { words: ["from", "a".repeat(33), "in", "r".repeat(64)] });
    parsed("to:alice http://x.io", { words: ["to", "alice", "http", "x", "io"] });
  });

  it("accepts exactly the usernames and slugs the protocol schemas accept", () => {
    for (const value of ["alice", "a.b", "_x", "-x", "x-", "9", "a".repeat(32), "a".repeat(33), "a/b", "é", "a:b", "a".repeat(64), "a".repeat(65)]) {
      assert.equal(parseSearchQuery(`from:${value}`).from.length === 1, usernameSchema.safeParse(value).success, `from:${value}`);
      assert.equal(parseSearchQuery(`in:${value}`).in.length === 1, roomSlugSchema.safeParse(value).success, `in:${value}`);
    }
  });

  it("combines every form", () => {
    parsed('Deploy "rolled back" -wip from:@alice in:#ops before:2026-12-01 after:2026-11-01 has:link has:mention', {
      words: ["deploy"],
      phrases: ["rolled back"],
      excluded: ["wip"],
      from: ["alice"],
      in: ["ops"],
      before: "2026-12-01T00:00:00.000Z",
      after: "2026-11-02T00:00:00.000Z",
      has: ["link", "mention"],
    });
  });
});

describe("search query: bounds and hostile input", () => {
  it("keeps the first 16 terms of any kind", () => {
    const q = parseSearchQuery(Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? `w${i}` : i % 3 === 1 ? `"p ${i}"` : `-x${i}`)).join(" "));
    assert.equal(q.words.length + q.phrases.length + q.excluded.length, MAX_TERMS);
    assert.deepEqual(q.words.slice(0, 2), ["w0", "w3"]);
    assert.equal(q.excluded.at(-1), "x14");
  });

  it("cuts a term at 64 code points, not UTF-16 units", () => {
    const astral = "𝒜".repeat(100); // a letter outside the BMP: two UTF-16 units each
    assert.deepEqual(parseSearchQuery(astral).words, ["𝒜".repeat(64)]);
    assert.deepEqual(parseSearchQuery(`"${"ab ".repeat(40)}"`).phrases, ["ab ".repeat(21) + "a"]);
    assert.deepEqual(parseSearchQuery(`"${"abc ".repeat(17)}"`).phrases, ["abc ".repeat(16).trimEnd()], "no trailing space");
  });

  it("cuts the input at 512 code points first", () => {
    parsed(" ".repeat(510) + "from:alice", { words: ["fr"] });
    parsed(" ".repeat(508) + "𝒜".repeat(10), { words: ["𝒜".repeat(4)] });
  });

  it("never throws, whatever the input", () => {
    const hostile = [
      "",
      "((( & | ! OR AND NEAR * ^ :",
      '"',
      '-"',
      '""""""',
      "\u0000\u0001\u001f\u007f\u200b\ufeff",
      "\ud800 lone \udfff surrogates \udbff",
      "x".repeat(10_000),
      "𝒜".repeat(10_000),
      '"'.repeat(10_000),
      "-".repeat(10_000),
      "from:".repeat(3000),
      "a<->b NEAR(a b, 3) a:* !a & (b | c) {col}: ^start",
    ];
    for (const input of hostile) assertBounded(parseSearchQuery(input), input);
    parsed("((( & | ! OR AND NEAR * ^ :", { words: ["or", "and", "near"] });
    assert.deepEqual(parseSearchQuery(undefined as unknown as string), none);
  });

  it("survives 2,000 pseudo-random queries of syntax, control characters, surrogates, CJK and emoji", () => {
    const alphabet = [
      '"', "-", "*", "^", "NEAR", "OR", "AND", "NOT", ":", "(", ")", "&", "|", "!", "<->", "{", "}", "+", "'",
      "from:", "FROM:@", "in:#", "In:", "before:", "after:", "has:", "link", "mention", "2026-11-01", "2026-02-30",
      "alice", "ops", "deploy", "Café", "e\u0301", "\u1100\u1161", "İ", "ß", "上海", "我在上海工作", "🙂", "👍🏽", "𝒜",
      "\u0000", "\u0007", "\t", "\n", "\u200b", "\ud800", "\udc00", "\u0301", " ", " ", " ", "a".repeat(70),
    ];
    for (let seed = 1; seed <= 2000; seed++) {
      const random = seeded(seed);
      const length = Math.floor(random() * (seed % 50 === 0 ? 400 : 40));
      const input = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]!).join("");
      let q: SearchQuery;
      try {
        q = parseSearchQuery(input);
      } catch (error) {
        assert.fail(`seed ${seed} threw ${String(error)} for ${JSON.stringify(input)}`);
      }
      assertBounded(q, `seed ${seed}: ${JSON.stringify(input)}`);
    }
  });
});

describe("isEmptySearch", () => {
  it("is true only when nothing is left to search by", () => {
    for (const input of ["", "   ", "-wip", '-"old stuff"', "!!! *** ((", "🙂", '""']) assert.ok(isEmptySearch(parseSearchQuery(input)), input);
    for (const input of ["x", '"a b"', "from:alice", "in:ops", "has:link", "before:2026-01-01", "after:2026-01-01", "has:photo"]) {
      assert.ok(!isEmptySearch(parseSearchQuery(input)), input);
    }
  });
});
