import type { MatchRange } from "@/lib/shared/search/match-ranges";

// A search result's text as plain parts, marked or not, cut to a window around the first match
// when the message is long. Parts become React text nodes: nothing in a message is ever HTML.

export interface TextPart {
  text: string;
  marked: boolean;
}

/** Longest text shown for one result, in UTF-16 units (about three lines in the results panel). */
export const SNIPPET_CHARS = 280;
/** How much of the text before the first match a cut window keeps. */
const LEAD_CHARS = 60;

/** The window [start, end) of `text` to show: all of it, or `max` units from a bit before the first match. */
export function snippetWindow(text: string, ranges: readonly MatchRange[], max = SNIPPET_CHARS): [number, number] {
  if (text.length <= max) return [0, text.length];
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, Math.min(first - LEAD_CHARS, text.length - max));
  // Start at a word, and never inside a surrogate pair.
  const space = text.lastIndexOf(" ", start);
  if (start > 0 && space >= 0 && start - space < 20) start = space + 1;
  if (isLowSurrogate(text, start)) start--;
  let end = Math.min(text.length, start + max);
  if (isLowSurrogate(text, end)) end--;
  return [start, end];
}

const isLowSurrogate = (text: string, i: number) => i > 0 && i < text.length && /[\uDC00-\uDFFF]/.test(text[i]!);

/** `text` within its snippet window, split at the ranges; an ellipsis marks each cut end. */
export function markedParts(text: string, ranges: readonly MatchRange[], max = SNIPPET_CHARS): TextPart[] {
  const [start, end] = snippetWindow(text, ranges, max);
  const parts: TextPart[] = [];
  const push = (from: number, to: number, marked: boolean) => {
    if (to > from) parts.push({ text: text.slice(from, to), marked });
  };
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= at || from >= end) continue;
    push(at, Math.max(at, from), false);
    push(Math.max(at, from), Math.min(to, end), true);
    at = Math.min(to, end);
  }
  push(at, end, false);
  if (start > 0) parts.unshift({ text: "…", marked: false });
  if (end < text.length) parts.push({ text: "…", marked: false });
  return parts;
}
