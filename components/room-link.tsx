"use client";

import Link, { useLinkStatus } from "next/link";
import { usePane } from "@/lib/browser/rooms/pane-context";
import { roomHref } from "@/lib/browser/rooms/paths";
import { unreadOf } from "@/lib/browser/rooms/rooms-state";
import type { RoomSummary } from "@/lib/shared/protocol";

// A drawn lock: an emoji needs a font that not every system has.
const lock = (
  <svg viewBox="0 0 16 16" width="12" height="12" focusable="false">
    <path fill="currentColor" d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" />
  </svg>
);
const marks = { public: "#", private: lock, direct: "@" } as const;

/** While the room's page is on its way, the link says so: a click always shows an effect at once. */
function PendingMark() {
  const { pending } = useLinkStatus();
  return <span className={pending ? "link-pending" : undefined} aria-hidden="true" />;
}

export function RoomLink({ room, active }: { room: RoomSummary; active: boolean }) {
  const unread = unreadOf(room);
  const { showRoom } = usePane();
  const href = roomHref(room.slug);
  return (
    <li>
      <Link
        href={href}
        className="room-link"
        data-testid="room-link"
        data-slug={room.slug}
        data-unread={unread}
        aria-current={active ? "page" : undefined}
        onClick={showRoom}
      >
        <span className="room-mark" aria-hidden="true">
          {marks[room.visibility]}
        </span>
        <span className="room-link-name">{room.name}</span>
        <PendingMark />
        {room.visibility === "private" && <span className="visually-hidden"> (private)</span>}
        {room.mentions > 0 && (
          <span className="badge mention-badge" data-testid="mention-badge">
            <span aria-hidden="true">@{room.mentions}</span>
            <span className="visually-hidden">, {room.mentions} mentioning you</span>
          </span>
        )}
        {unread > 0 && (
          <span className="badge" data-testid="unread-badge">
            <span aria-hidden="true">{unread > 99 ? "99+" : unread}</span>
            <span className="visually-hidden">, {unread} unread</span>
          </span>
        )}
      </Link>
    </li>
  );
}
