"use client";

import { useCallback, useEffect, useRef, type RefObject } from "react";
import { useSearchShortcut } from "@/lib/browser/search/use-search-shortcut";

interface Options {
  rootRef: RefObject<HTMLElement | null>;
  inputRef: RefObject<HTMLInputElement | null>;
  searching: boolean;
  openSearch: () => void;
  closeSearch: () => void;
}

/**
 * Where focus goes as the search opens and closes: the box when it opens (by its shortcuts, or
 * the phone's search button), back where it was when it is closed from the keyboard; a pointer
 * or focus outside the search closes it and leaves focus there.
 */
export function useSearchFocus({ rootRef, inputRef, searching, openSearch, closeSearch }: Options) {
  const returnTo = useRef<HTMLElement | null>(null);

  const open = useCallback(() => {
    const current = document.activeElement;
    if (current instanceof HTMLElement && !rootRef.current?.contains(current)) returnTo.current = current;
    openSearch();
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [inputRef, openSearch, rootRef]);
  useSearchShortcut(open);

  const close = useCallback(() => {
    closeSearch();
    const back = returnTo.current;
    returnTo.current = null;
    if (back?.isConnected) back.focus();
    else inputRef.current?.blur();
  }, [closeSearch, inputRef]);

  // Opened while the box was hidden (a phone showing a room): focus it once it shows.
  useEffect(() => {
    if (searching && document.activeElement !== inputRef.current) inputRef.current?.focus();
  }, [inputRef, searching]);

  useEffect(() => {
    if (!searching) return;
    const outside = (e: Event) => {
      if (e.target instanceof Node && !rootRef.current?.contains(e.target)) {
        returnTo.current = null;
        closeSearch();
      }
    };
    document.addEventListener("pointerdown", outside);
    document.addEventListener("focusin", outside);
    return () => {
      document.removeEventListener("pointerdown", outside);
      document.removeEventListener("focusin", outside);
    };
  }, [closeSearch, rootRef, searching]);

  return { open, close };
}
