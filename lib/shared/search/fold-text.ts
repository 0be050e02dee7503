// Case and diacritics folded as the search index folds them (SQLite's `remove_diacritics`,
// PostgreSQL's `search_fold`: unaccent and lower), with the way back to the original text, so the
// browser can mark in a message what the server matched.

/** One code point folded: decomposed, its combining marks dropped, lower-cased. */
export const foldChar = (char: string): string => char.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** A term folded alike (a term is compared with folded text only). */
export const foldTerm = (term: string): string => [...term].map(foldChar).join("");

export interface FoldedText {
  /** The folded text. */
  text: string;
  /** For each UTF-16 unit of `text`, where its code point starts in the original. */
  from: number[];
  /** For each UTF-16 unit of `text`, where its code point ends in the original. */
  to: number[];
}

/** `original` folded, unit by unit traced back to the original's indexes. */
export function foldText(original: string): FoldedText {
  let text = "";
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const char of original) {
    const folded = foldChar(char);
    text += folded;
    for (let i = 0; i < folded.length; i++) {
      from.push(at);
      to.push(at + char.length);
    }
    at += char.length;
  }
  return { text, from, to };
}

/**
 * The original range of the folded range [start, end), widened over the combining marks that
 * follow it (they fold to nothing, and "Cafe\u0301" should be marked accent and all).
 */
export function originalRange(folded: FoldedText, original: string, start: number, end: number): [number, number] {
  let stop = folded.to[end - 1]!;
  while (stop < original.length) {
    const next = String.fromCodePoint(original.codePointAt(stop)!);
    if (foldChar(next) !== "") break;
    stop += next.length;
  }
  return [folded.from[start]!, stop];
}
