"use client";

import { useId, useState, type KeyboardEvent, type RefObject } from "react";
import { insertMention, matchMembers, mentionQueryAt } from "@/lib/browser/mentions/mentions";
import type { Author } from "@/lib/shared/protocol";

interface Options {
  text: string;
  members: Author[];
  onText: (text: string) => void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

/**
 * `@` completion for a text field, as an ARIA combobox: the field owns the focus, the listbox
 * follows arrows, Enter or Tab picks, Escape closes (until the next `@`).
 */
export function useMentionCompletion({ text, members, onText, inputRef }: Options) {
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const query = mentionQueryAt(text, caret);
  const options = query && query.start !== dismissed ? matchMembers(members, query.query) : [];
  const open = options.length > 0;
  const current = Math.min(active, Math.max(0, options.length - 1));

  const pick = (user: Author) => {
    if (!query) return;
    const next = insertMention(text, query.start, caret, user.username);
    onText(next.text);
    setCaret(next.caret);
    setActive(0);
    requestAnimationFrame(() => inputRef.current?.setSelectionRange(next.caret, next.caret));
  };

  /** True when the key was the popup's. */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || event.nativeEvent.isComposing) return false;
    const moves: Record<string, () => void> = {
      ArrowDown: () => setActive((current + 1) % options.length),
      ArrowUp: () => setActive((current - 1 + options.length) % options.length),
      Enter: () => pick(options[current]!),
      Tab: () => pick(options[current]!),
      Escape: () => setDismissed(query!.start),
    };
    const move = moves[event.key];
    if (!move) return false;
    event.preventDefault();
    move();
    return true;
  };

  const track = (el: HTMLTextAreaElement) => {
    setCaret(el.selectionStart);
    setActive(0);
    // Escape closes the popup for this `@` only: once it is gone, the next one completes again.
    if (!mentionQueryAt(el.value, el.selectionStart)) setDismissed(null);
  };

  const inputProps = {
    role: "combobox" as const,
    "aria-autocomplete": "list" as const,
    "aria-expanded": open,
    "aria-controls": listId,
    "aria-activedescendant": open ? `${listId}-${current}` : undefined,
    onSelect: (e: { currentTarget: HTMLTextAreaElement }) => setCaret(e.currentTarget.selectionStart),
  };
  return { inputProps, onKeyDown, track, popup: { open, options, active: current, listId, pick } };
}
