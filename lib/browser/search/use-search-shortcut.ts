"use client";

import { useEffect } from "react";

/** Whether typing a `/` at `target` writes text (a field, a text area, an editable element). */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["button", "checkbox", "radio", "submit", "reset"].includes(target.type);
}

/**
 * The search box's keyboard shortcuts anywhere in the chat: Ctrl+K (Cmd+K on a Mac) always, `/`
 * when focus is not in a text field (there it is a character).
 */
export function useSearchShortcut(open: () => void): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.altKey) return;
      const modK = (e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === "k";
      const slash = e.key === "/" && !e.ctrlKey && !e.metaKey && !isTextField(e.target);
      if (!modK && !slash) return;
      e.preventDefault();
      open();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [open]);
}
