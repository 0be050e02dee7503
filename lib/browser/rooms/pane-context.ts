"use client";

import { createContext, useContext } from "react";

/**
 * On a phone the chat shows one pane at a time: the room list, the open room, or the message
 * search over either. On wider screens the list and the room are both shown (showList and
 * showRoom do nothing visible) and the search opens as a panel below its box.
 */
export interface PaneControl {
  showList: () => void;
  showRoom: () => void;
  /** Whether the message search is open. */
  searching: boolean;
  openSearch: () => void;
  closeSearch: () => void;
}

const nothing = () => {};
export const PaneContext = createContext<PaneControl>({ showList: nothing, showRoom: nothing, searching: false, openSearch: nothing, closeSearch: nothing });

export const usePane = () => useContext(PaneContext);
