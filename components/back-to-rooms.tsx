"use client";

import { usePane } from "@/lib/browser/rooms/pane-context";

/** On a phone, from the room back to the list of rooms (hidden on wider screens, where both show). */
export function BackToRooms() {
  const { showList } = usePane();
  return (
    <button type="button" className="back-to-rooms" aria-label="Back to rooms" onClick={showList}>
      <svg viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M10.7 2.3a1 1 0 0 1 0 1.4L6.4 8l4.3 4.3a1 1 0 1 1-1.4 1.4l-5-5a1 1 0 0 1 0-1.4l5-5a1 1 0 0 1 1.4 0z" />
      </svg>
    </button>
  );
}
