"use client";

import { createContext, useContext } from "react";

/**
 * On a phone the chat shows one pane at a time: the room list or the open room. On wider screens
 * both are shown and these do nothing visible.
 */
export interface PaneControl {
  showList: () => void;
  showRoom: () => void;
}

export const PaneContext = createContext<PaneControl>({ showList: () => {}, showRoom: () => {} });

export const usePane = () => useContext(PaneContext);
