import { foldTerm, foldText, originalRange, type FoldedText } from "@/lib/shared/search/fold-text";
import type { SearchQuery } from "@/lib/shared/search/search-query";

// Where a message's text matches a query's terms, for the results to mark: the server answers
// messages, not highlight ranges. The rules are the server's (lib/server/search/search-terms.ts):
// a word of 3 or more characters matches anywhere, a shorter one at the start of a word, and any
// 1-2 characters of a script written without spaces anywhere; a phrase is its words in sequence.
// Excluded terms match nothing that is shown. Pure, so the browser and the tests share it.

/** A matched stretch of the original text, [start, end) in UTF-16 units. */
export type MatchRange = [start: number, end: number];

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const WORD_CHAR = "[\\p{L}\\p{N}\\p{M}]";
const NOT_WORD_CHAR = "[^\\p{L}\\p{N}\\p{M}]";
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The pattern of one word: anywhere, or (short and spaced) at a word's start. */
function wordPattern(word: string): string | null {
  const folded = foldTerm(word);
  if (!folded) return null;
  const anywhere = [...word].length >= 3 || UNSPACED.test(word);
  return anywhere ? escapeRegExp(folded) : `(?<!${WORD_CHAR})${escapeRegExp(folded)}`;
}

/** The pattern of a phrase: whole words in sequence; next to unspaced script no boundary is needed. */
function phrasePattern(phrase: string): string | null {
  const words = phrase.split(" ").map(foldTerm).filter(Boolean);
  if (words.length === 0) return null;
  const unspacedAt = (word: string, end: boolean) => UNSPACED.test(end ? [...word].at(-1)! : [...word][0]!);
  let pattern = unspacedAt(words[0]!, false) ? "" : `(?<!${WORD_CHAR})`;
  words.forEach((word, i) => {
    if (i > 0) pattern += unspacedAt(words[i - 1]!, true) || unspacedAt(word, false) ? `${NOT_WORD_CHAR}*` : `${NOT_WORD_CHAR}+`;
    pattern += escapeRegExp(word);
  });
  return unspacedAt(words.at(-1)!, true) ? pattern : `${pattern}(?!${WORD_CHAR})`;
}

function rangesOf(pattern: string, folded: FoldedText, original: string): MatchRange[] {
  const ranges: MatchRange[] = [];
  for (const match of folded.text.matchAll(new RegExp(pattern, "gu"))) {
    if (match[0].length > 0) ranges.push(originalRange(folded, original, match.index, match.index + match[0].length));
  }
  return ranges;
}

/** Sorted, and overlapping or touching ranges joined. */
function merged(ranges: MatchRange[]): MatchRange[] {
  const out: MatchRange[] = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
    const last = out.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** The stretches of `text` that the query's words and phrases match, in order, not overlapping. */
export function matchRanges(text: string, query: Pick<SearchQuery, "words" | "phrases">): MatchRange[] {
  const patterns = [...query.words.map(wordPattern), ...query.phrases.map(phrasePattern)].filter((p): p is string => p !== null);
  if (patterns.length === 0 || !text) return [];
  const folded = foldText(text);
  return merged(patterns.flatMap((pattern) => rangesOf(pattern, folded, text)));
}
