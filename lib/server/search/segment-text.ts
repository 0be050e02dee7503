// The word index splits text at spaces and punctuation, so a run of a script written without
// spaces (Chinese, Japanese, Thai...) would be one token and `上海` would not find "我在上海工作"
// (STACK-FEATURES.md, "Search"). Such runs are split into dictionary words by Intl.Segmenter and
// joined with spaces, on the way in and on the way out, so both sides split alike. Each run's
// single characters and pairs are also indexed, after the text, so a 1-2 character term finds
// them inside longer words without scanning (3 or more characters go through the trigram index).

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+/gu;
const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });

/** The dictionary words of `run`, a run of an unspaced script. */
function wordsOf(run: string): string[] {
  const words: string[] = [];
  for (const part of segmenter.segment(run)) if (part.isWordLike) words.push(part.segment);
  return words;
}

/** `text` with every run of an unspaced script split into words by spaces. */
export function segmentWords(text: string): string {
  return text.replace(UNSPACED, (run) => ` ${wordsOf(run).join(" ")} `);
}

/** Whether `term` is written (at least partly) in a script without spaces between words. */
export function isUnspaced(term: string): boolean {
  UNSPACED.lastIndex = 0;
  return UNSPACED.test(term);
}

// A bound on the extra tokens of one message: a 4,000-character run gives ~8,000 at most.
const MAX_GRAMS = 10_000;

/** The distinct 1- and 2-character pieces of the message's unspaced runs. */
function gramsOf(text: string): string[] {
  const grams = new Set<string>();
  for (const match of text.matchAll(UNSPACED)) {
    const chars = [...match[0]];
    for (const [i, char] of chars.entries()) {
      if (grams.size >= MAX_GRAMS) break;
      grams.add(char);
      const next = chars[i + 1];
      if (next !== undefined) grams.add(char + next);
    }
  }
  return [...grams];
}

/** What the word index holds for a message: its segmented text, then its unspaced pieces. */
export function indexedWords(text: string): string {
  const grams = gramsOf(text);
  const segmented = segmentWords(text);
  return grams.length === 0 ? segmented : `${segmented}\n${grams.join(" ")}`;
}
