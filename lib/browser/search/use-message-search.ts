"use client";

import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import { request } from "@/lib/browser/connection/request";
import { initialSearch, searchReducer, type SearchState } from "@/lib/browser/search/search-state";
import { isEmptySearch, parseSearchQuery, type SearchQuery } from "@/lib/shared/search/search-query";

/** How long typing must pause before the text is searched. */
export const SEARCH_DEBOUNCE_MS = 250;

export interface MessageSearch extends SearchState {
  /** The query as parsed, for marking the results. */
  parsed: SearchQuery;
  /** Nothing to search by (blank, or only punctuation and `-` terms). */
  empty: boolean;
  setQuery: (query: string) => void;
  loadMore: () => void;
  /** Asks again now (after an error). */
  retry: () => void;
}

/**
 * The search box's state: the text searched once typing pauses, while connected; searched again
 * when the connection comes back. Only the answer to the latest request is shown.
 */
export function useMessageSearch(connected: boolean): MessageSearch {
  const [state, dispatch] = useReducer(searchReducer, initialSearch);
  const lastId = useRef(0);
  const parsed = useMemo(() => parseSearchQuery(state.query), [state.query]);
  const empty = isEmptySearch(parsed);

  const search = useCallback((query: string) => {
    const id = ++lastId.current;
    dispatch({ type: "asked", id });
    void request("message:search", { query }).then((ack) => dispatch({ type: "answered", id, ack }));
  }, []);

  useEffect(() => {
    if (!connected || empty) return;
    const timer = setTimeout(() => search(state.query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [connected, empty, search, state.query]);

  const { query, nextCursor, answered, pending } = state;
  const loadMore = useCallback(() => {
    if (nextCursor === null || !answered || pending !== null) return;
    const id = ++lastId.current;
    dispatch({ type: "askedMore", id });
    void request("message:search", { query, cursor: nextCursor }).then((ack) => dispatch({ type: "answeredMore", id, ack }));
  }, [answered, nextCursor, pending, query]);

  const setQuery = useCallback((next: string) => dispatch({ type: "typed", query: next }), []);
  const retry = useCallback(() => search(query), [search, query]);
  return { ...state, parsed, empty, setQuery, loadMore, retry };
}
