"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { SearchPanel } from "@/components/search-panel";
import { useChat } from "@/lib/browser/rooms/chat-context";
import { usePane } from "@/lib/browser/rooms/pane-context";
import { permalinkPath } from "@/lib/browser/rooms/permalink";
import { useMessageSearch } from "@/lib/browser/search/use-message-search";
import { useSearchFocus } from "@/lib/browser/search/use-search-focus";
import { MAX_QUERY_CHARS } from "@/lib/shared/search/search-query";
import type { SearchResult } from "@/lib/shared/protocol";

/**
 * The message search in the chat header (issue 15): results as the user types, below the box on
 * wide screens and over the whole screen on a phone. The box is an ARIA combobox: the arrow keys
 * move through the results listbox, Enter opens one, Escape clears and closes.
 */
export function MessageSearch() {
  const router = useRouter();
  const { status } = useChat();
  const connected = status === "connected";
  const { searching, openSearch, closeSearch, showRoom } = usePane();
  const search = useMessageSearch(connected);
  const { results, setQuery } = search;
  const listId = useId();
  const rootRef = useRef<HTMLFormElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const { open, close } = useSearchFocus({ rootRef, inputRef, searching, openSearch, closeSearch });

  // The highlighted result, forgotten when the text or the results change.
  const [active, setActive] = useState({ results, query: search.query, index: -1 });
  const index = active.results === results && active.query === search.query ? active.index : -1;
  const move = (down: boolean) => {
    const n = results.length;
    if (n > 0) setActive({ results, query: search.query, index: down ? (index + 1) % n : index <= 0 ? n - 1 : index - 1 });
  };

  const choose = useCallback(
    (result: SearchResult) => {
      router.push(permalinkPath(result.room.slug, result.message.seq));
      closeSearch();
      showRoom();
    },
    [closeSearch, router, showRoom],
  );

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!searching) openSearch();
      move(e.key === "ArrowDown");
    } else if (e.key === "Enter") {
      e.preventDefault();
      const chosen = results[index];
      if (chosen && searching) choose(chosen);
    } else if (e.key === "Escape") {
      e.preventDefault();
      setQuery("");
      close();
    }
  };

  useEffect(() => {
    if (index >= 0) document.getElementById(`${listId}-${index}`)?.scrollIntoView({ block: "nearest" });
  }, [index, listId]);

  return (
    <form ref={rootRef} role="search" aria-label="Messages" className="message-search" onSubmit={(e) => e.preventDefault()}>
      <input
        ref={inputRef}
        type="search"
        role="combobox"
        aria-label="Search messages"
        aria-expanded={searching && results.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={searching && index >= 0 ? `${listId}-${index}` : undefined}
        aria-keyshortcuts="/ Control+K Meta+K"
        placeholder="Search messages (/)"
        autoComplete="off"
        spellCheck={false}
        maxLength={MAX_QUERY_CHARS}
        value={search.query}
        onChange={(e) => {
          setQuery(e.target.value);
          openSearch();
        }}
        onFocus={open}
        onKeyDown={onKeyDown}
      />
      {searching && (
        <button type="button" className="secondary search-close" onClick={() => close()}>
          Close
        </button>
      )}
      {searching && <SearchPanel search={search} connected={connected} listId={listId} active={index} choose={choose} />}
    </form>
  );
}
