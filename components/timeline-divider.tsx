import { dayLabel } from "@/lib/browser/ui/relative-time";

/** The line above the first message of each day. */
export function DayDivider({ iso, now }: { iso: string; now: number }) {
  return (
    <li className="divider day-divider" data-testid="day-divider">
      <span>{dayLabel(new Date(iso), now)}</span>
    </li>
  );
}

/** Where the user left off when the room was opened. */
export function UnreadDivider() {
  return (
    <li className="divider unread-divider" data-testid="new-messages">
      <span>New messages</span>
    </li>
  );
}
