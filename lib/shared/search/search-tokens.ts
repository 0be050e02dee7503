// The lexical half of the search query parser (search-query.ts): tokens, words and code-point cuts.

// A run may carry combining marks (an NFD accent the NFC form has no precomposed letter for), but
// a mark alone is no word.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const SPACE = /\s/u;

export interface Token {
  text: string;
  /** Written between double quotes: a phrase. */
  quoted: boolean;
  /** Preceded by `-`: must not match. */
  negated: boolean;
}

/** Splits on whitespace and double quotes; a leading `-` (or several) negates the token after it. */
export function* tokenize(text: string): Generator<Token> {
  let i = 0;
  while (i < text.length) {
    if (SPACE.test(text[i]!)) {
      i++;
      continue;
    }
    let negated = false;
    for (; text[i] === "-"; i++) negated = true;
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      const end = close < 0 ? text.length : close;
      yield { text: text.slice(i + 1, end), quoted: true, negated };
      i = end + 1;
      continue;
    }
    const start = i;
    while (i < text.length && text[i] !== '"' && !SPACE.test(text[i]!)) i++;
    // A lone `-` yields nothing.
    if (i > start) yield { text: text.slice(start, i), quoted: false, negated };
  }
}

/** The runs of letters and digits in `text`: nothing else survives to reach the database. */
export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** The words of `text` joined by single spaces. */
export function phraseOf(text: string): string {
  return wordsOf(text).join(" ");
}

/** The first `max` code points of `text` (a lone surrogate counts as one). */
export function cutCodePoints(text: string, max: number): string {
  // Each code point takes at most two UTF-16 units, so a short string needs no counting.
  if (text.length <= max) return text;
  let count = 0;
  let end = 0;
  for (const char of text) {
    if (count++ === max) break;
    end += char.length;
  }
  return text.slice(0, end);
}
