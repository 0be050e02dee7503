import type { Ack, AckError, MessageSearchResult, SearchResult } from "@/lib/shared/protocol";

// The search box's results as a pure reducer. Every request carries an id; an answer counts only
// if its id is the one awaited, so a late answer to an older query never replaces a newer one,
// and typing forgets what was awaited for the text before.

export interface SearchState {
  /** The text the results are, or will be, for. */
  query: string;
  results: SearchResult[];
  /** Whether `results` answer `query` (false while it is typed or asked for). */
  answered: boolean;
  nextCursor: string | null;
  /** The id of the first-page request awaited, or null. */
  pending: number | null;
  /** The id of the "more results" request awaited, or null. */
  more: number | null;
  error: AckError["error"] | null;
}

export type SearchAction =
  | { type: "typed"; query: string }
  | { type: "asked"; id: number }
  | { type: "answered"; id: number; ack: Ack<MessageSearchResult> }
  | { type: "askedMore"; id: number }
  | { type: "answeredMore"; id: number; ack: Ack<MessageSearchResult> };

export const initialSearch: SearchState = { query: "", results: [], answered: false, nextCursor: null, pending: null, more: null, error: null };

export function searchReducer(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case "typed": {
      if (action.query === state.query) return state;
      // The results shown stay until the new ones come (no flicker while typing), but nothing
      // awaited for the old text counts; a cleared box starts afresh.
      const kept = action.query.trim() === "" ? { results: [], nextCursor: null } : {};
      return { ...state, ...kept, query: action.query, answered: false, pending: null, more: null, error: null };
    }
    case "asked":
      return { ...state, pending: action.id, more: null, error: null };
    case "answered":
      if (action.id !== state.pending) return state;
      if (!action.ack.ok) return { ...state, pending: null, error: action.ack.error };
      return { ...state, pending: null, answered: true, results: action.ack.results, nextCursor: action.ack.nextCursor, error: null };
    case "askedMore":
      return state.answered && state.nextCursor !== null && state.pending === null ? { ...state, more: action.id, error: null } : state;
    case "answeredMore":
      if (action.id !== state.more) return state;
      if (!action.ack.ok) return { ...state, more: null, error: action.ack.error };
      return { ...state, more: null, results: [...state.results, ...newOnes(state.results, action.ack.results)], nextCursor: action.ack.nextCursor };
  }
}

/** A page may repeat a hit when messages moved meanwhile; each message is listed once. */
function newOnes(held: SearchResult[], page: SearchResult[]): SearchResult[] {
  const ids = new Set(held.map((r) => r.message.id));
  return page.filter((r) => !ids.has(r.message.id));
}

/** The sentence shown for a failed search. */
export function searchErrorText(error: AckError["error"]): string {
  switch (error.code) {
    case "rate_limited":
      return "Too many searches at once. Wait a moment and try again.";
    case "invalid":
      return `This search cannot be run: ${error.message}`;
    case "unavailable":
      return "Search is not available right now. Try again.";
    default:
      return "Search failed. Try again.";
  }
}
