/**
 * The message search box's query language (issue 15), parsed alike in the browser and on the server.
 *
 *   deploy failed       words: all must match, each also as a prefix (`deploy` finds "deployment")
 *   "an exact phrase"   a phrase; an unclosed quote runs to the end of the input
 *   -word  -"a phrase"  must not match
 *   from:@alice         written by alice (`from:alice` too); several = any of them
 *   in:#room            in that room (`in:room` too); several = any of them
 *   before:2026-12-01   sent before that day (UTC); `after:2026-11-01`: sent after that day
 *   has:link            contains a link; `has:mention`: mentions the searching user
 *
 * Operators are case-insensitive. Nothing is an error: an operator with an invalid value is read as
 * text, and text only ever yields runs of letters, digits and combining marks, so no FTS5 or tsquery
 * syntax reaches SQL. The output is bounded (the MAX_ constants) whatever the input.
 */
import { isRoomSlug, isUsername } from "@/lib/shared/protocol/names";
import { cutCodePoints, phraseOf, tokenize, wordsOf } from "@/lib/shared/search/search-tokens";

export interface SearchQuery {
  /** Words that must all match (each also as a prefix: `deploy` finds "deployment"). Lower-cased, NFC. */
  words: string[];
  /** Exact phrases ("an exact phrase"), each must match. */
  phrases: string[];
  /** Words (or phrases) that must not match: `-word`, `-"a phrase"`. */
  excluded: string[];
  /** `from:@alice` / `from:alice`: usernames (lower-cased, without @); several = any of them. */
  from: string[];
  /** `in:#room` / `in:room`: room slugs (lower-cased, without #); several = any of them. */
  in: string[];
  /** `before:YYYY-MM-DD`: createdAt < that day 00:00 UTC (ISO string of that instant). */
  before: string | null;
  /** `after:YYYY-MM-DD`: createdAt >= the next day 00:00 UTC (Slack's meaning: after that day). */
  after: string | null;
  /** `has:link`, `has:mention` (the message mentions the searching user). */
  has: ("link" | "mention")[];
}

/** Longer input is cut to this many code points before parsing. */
export const MAX_QUERY_CHARS = 512;
/** Most words, phrases and excluded terms together; later ones are dropped. */
export const MAX_TERMS = 16;
/** Longest word or phrase, in code points (what the database indexes is bounded, not the UTF-16 count). */
export const MAX_TERM_CHARS = 64;
/** Most `from:` values, and most `in:` values. */
export const MAX_FILTER_VALUES = 8;

const OPERATOR = /^(from|in|before|after|has):(.*)$/su;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

type TermKind = "words" | "phrases" | "excluded";

export function parseSearchQuery(input: string): SearchQuery {
  const q: SearchQuery = { words: [], phrases: [], excluded: [], from: [], in: [], before: null, after: null, has: [] };
  // The server validates its payloads, but a caller's mistake must not become an exception here.
  const text = typeof input === "string" ? cutCodePoints(input, MAX_QUERY_CHARS) : "";
  for (const token of tokenize(text.toLowerCase().normalize("NFC"))) {
    if (token.negated) addTerm(q, "excluded", phraseOf(token.text));
    else if (token.quoted) addTerm(q, "phrases", phraseOf(token.text));
    else if (!applyOperator(q, token.text)) for (const word of wordsOf(token.text)) addTerm(q, "words", word);
  }
  return q;
}

/** True when the query has nothing to search by (no words, phrases, from, in, has, dates). */
export function isEmptySearch(q: SearchQuery): boolean {
  const lists = [q.words, q.phrases, q.from, q.in, q.has];
  return lists.every((list) => list.length === 0) && q.before === null && q.after === null;
}

/** Applies `name:value` when it is an operator with a valid value; false means "read it as text". */
function applyOperator(q: SearchQuery, token: string): boolean {
  const match = OPERATOR.exec(token);
  if (!match) return false;
  const value = match[2]!;
  switch (match[1]) {
    case "from":
      return addFilter(q.from, value.replace(/^@/, ""), isUsername);
    case "in":
      return addFilter(q.in, value.replace(/^#/, ""), isRoomSlug);
    case "has":
      if (value !== "link" && value !== "mention") return false;
      if (!q.has.includes(value)) q.has.push(value);
      return true;
    case "before": {
      const day = dayStart(value, 0);
      // Every condition must hold, so of several dates the tightest wins.
      if (day !== null && (q.before === null || day < q.before)) q.before = day;
      return day !== null;
    }
    default: {
      const day = dayStart(value, 1);
      if (day !== null && (q.after === null || day > q.after)) q.after = day;
      return day !== null;
    }
  }
}

/** A valid value beyond the cap is still consumed as an operator, not searched as words. */
function addFilter(list: string[], value: string, valid: (value: string) => boolean): boolean {
  if (!valid(value)) return false;
  if (list.length < MAX_FILTER_VALUES && !list.includes(value)) list.push(value);
  return true;
}

/** The ISO instant of 00:00 UTC `days` after the calendar date `value`, or null if it is none. */
function dayStart(value: string, days: number): string | null {
  const match = DAY.exec(value);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day = new Date(Date.UTC(year, month - 1, date));
  // Date.UTC rolls 2026-02-30 over into March and reads years 0-99 as 1900-1999: such dates are not real.
  if (day.getUTCFullYear() !== year || day.getUTCMonth() !== month - 1 || day.getUTCDate() !== date) return null;
  day.setUTCDate(date + days);
  // Past 9999 toISOString writes "+010000-…", which sorts before every stored date as text.
  return day.getUTCFullYear() <= 9999 ? day.toISOString() : null;
}

function addTerm(q: SearchQuery, kind: TermKind, term: string): void {
  const cut = cutCodePoints(term, MAX_TERM_CHARS).trimEnd();
  if (!cut || q[kind].includes(cut)) return;
  if (q.words.length + q.phrases.length + q.excluded.length < MAX_TERMS) q[kind].push(cut);
}
