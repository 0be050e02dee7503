"use client";

import { IconButton } from "@/components/icon-button";
import { usePane } from "@/lib/browser/rooms/pane-context";

const MAGNIFIER = "M6.5 1a5.5 5.5 0 0 1 4.4 8.8l3.8 3.8a1 1 0 0 1-1.4 1.4l-3.8-3.8A5.5 5.5 0 1 1 6.5 1zm0 2a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z";

/** On a phone, where the room hides the chat header and its search box: opens the search over the screen. */
export function SearchButton() {
  const { openSearch } = usePane();
  return <IconButton label="Search messages" className="search-button" icon={MAGNIFIER} onClick={openSearch} />;
}
