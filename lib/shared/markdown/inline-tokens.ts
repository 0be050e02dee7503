import { isSafeHref, type Inline } from "@/lib/shared/markdown/tokens";

// The inline tokens that are not emphasis: code spans, links and bare URLs. Each reads forward
// from its opening character and returns the node and where it ends, or null (then it is text).

type Token = { node: Inline; end: number } | null;

export function codeAt(src: string, i: number, next: NextIndex): Token {
  // A run of several backticks is text; a single one needs its closing backtick.
  if (src[i + 1] === "`") return null;
  const close = next("`", i + 1);
  return close < 0 ? null : { node: { type: "code", text: src.slice(i + 1, close) }, end: close + 1 };
}

export function linkAt(src: string, i: number, next: NextIndex): Token {
  const close = next("]", i + 1);
  if (close < 0 || src[close + 1] !== "(") return null;
  const paren = next(")", close + 2);
  if (paren < 0) return null;
  const href = src.slice(close + 2, paren).trim();
  if (!isSafeHref(href)) return null;
  const label = src.slice(i + 1, close).trim();
  return { node: { type: "link", href, text: label || href }, end: paren + 1 };
}

export function urlAt(src: string, i: number): Token {
  if (i > 0 && /[\p{L}\p{N}]/u.test(src[i - 1]!)) return null;
  const head = src.slice(i, i + 8).toLowerCase();
  if (!head.startsWith("http://") && !head.startsWith("https://")) return null;
  let end = i;
  while (end < src.length && !/[\s<>"]/.test(src[end]!)) end++;
  // Punctuation after a URL usually ends the sentence rather than the URL.
  while (end > i && /[.,:;!?'*_~]/.test(src[end - 1]!)) end--;
  if (src[end - 1] === ")" && !src.slice(i, end).includes("(")) end--;
  const href = src.slice(i, end);
  return isSafeHref(href) && !/^https?:\/\/$/i.test(href) ? { node: { type: "link", href, text: href }, end } : null;
}

export type NextIndex = (char: string, from: number) => number;

/** indexOf with memory: callers ask with growing `from`, so the whole text is scanned once per character. */
export function nextIndexFinder(src: string): NextIndex {
  const found = new Map<string, number>();
  return (char, from) => {
    let at = found.get(char);
    if (at === undefined || (at >= 0 && at < from)) {
      at = src.indexOf(char, from);
      found.set(char, at);
    }
    return at;
  };
}
