"use client";

import { IconButton } from "@/components/icon-button";
import { usePane } from "@/lib/browser/rooms/pane-context";

const CHEVRON = "M10.7 2.3a1 1 0 0 1 0 1.4L6.4 8l4.3 4.3a1 1 0 1 1-1.4 1.4l-5-5a1 1 0 0 1 0-1.4l5-5a1 1 0 0 1 1.4 0z";

/** On a phone, from the room back to the list of rooms (hidden on wider screens, where both show). */
export function BackToRooms() {
  const { showList } = usePane();
  return <IconButton label="Back to rooms" className="back-to-rooms" icon={CHEVRON} onClick={showList} />;
}
