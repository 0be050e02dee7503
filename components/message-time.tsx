"use client";

import { clockTime, exactTime, relativeTime } from "@/lib/browser/ui/relative-time";
import { useNow } from "@/lib/browser/ui/use-now";

/** "just now", "5 min", "14:02", with the exact date and time on hover. */
export function MessageTime({ iso }: { iso: string }) {
  const now = useNow();
  const date = new Date(iso);
  // Server and browser may sit in different time zones; the browser's rendering wins.
  return (
    <time dateTime={iso} title={exactTime(date)} suppressHydrationWarning>
      {now === null ? clockTime(date) : relativeTime(date, now)}
    </time>
  );
}
