import { isUnspaced, segmentWords } from "@/lib/server/search/segment-text";

// How each term of a parsed query is looked up. A word of 3 characters or more is a substring of
// the text, through the trigram index: that also finds it as a prefix ("deploy" in "deployment"),
// inside long tokens and in unspaced scripts. A shorter word is a prefix of a token of the word
// index, which also holds every 1-2 character piece of unspaced runs (segment-text.ts). A phrase
// is its words in sequence in the word index. Terms are data here: the SQL side quotes them.

/** A term: a substring of the text, or tokens of the word index (`prefix`: the last one's prefix). */
export type Term = { kind: "substring"; text: string } | { kind: "tokens"; tokens: string[]; prefix: boolean };

const tokensOf = (text: string): string[] => segmentWords(text).split(/\s+/u).filter(Boolean);

/** How `word` (letters, numbers and marks only) is looked up; null if nothing of it is searchable. */
export function wordTerm(word: string): Term | null {
  if ([...word].length >= 3) return { kind: "substring", text: word };
  // A 1-2 character piece of an unspaced script is one token of its own (segment-text.ts).
  const tokens = isUnspaced(word) ? [word] : tokensOf(word);
  return tokens.length > 0 ? { kind: "tokens", tokens, prefix: true } : null;
}

/** How `phrase` (words joined by single spaces) is looked up: its tokens in sequence. */
export function phraseTerm(phrase: string): Term | null {
  const tokens = tokensOf(phrase);
  return tokens.length > 0 ? { kind: "tokens", tokens, prefix: false } : null;
}

// The parser gives only runs of letters, digits and marks; anything else that reaches here
// (another caller, a future parser) is a separator, never syntax, and never a U+0000 to bind.
const clean = (text: string): string[] => text.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);

/** The positive terms (all must match) and the excluded ones (none may). */
export function termsOf(query: { words: readonly string[]; phrases: readonly string[]; excluded: readonly string[] }): { all: Term[]; none: Term[] } {
  const present = (terms: (Term | null)[]): Term[] => terms.filter((t): t is Term => t !== null);
  const words = query.words.flatMap(clean).map(wordTerm);
  const phrases = query.phrases.map((phrase) => phraseTerm(clean(phrase).join(" ")));
  const excluded = query.excluded.map((term) => clean(term)).map((parts) => (parts.length > 1 ? phraseTerm(parts.join(" ")) : wordTerm(parts[0] ?? "")));
  return { all: present([...words, ...phrases]), none: present(excluded) };
}
