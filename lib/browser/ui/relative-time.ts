// Times as people say them: "just now", "5 min", "14:02"; days as "Today", "Yesterday", dates.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "medium" });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long" });
const withYear = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric" });

export const clockTime = (date: Date) => clock.format(date);
export const exactTime = (date: Date) => exact.format(date);

/** A message's time: relative within the hour, else the time of day (the day separator gives the date). */
export function relativeTime(date: Date, now: number): string {
  const age = now - date.getTime();
  if (age < MINUTE) return "just now";
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min`;
  return clock.format(date);
}

const startOfDay = (t: number) => new Date(t).setHours(0, 0, 0, 0);

/** A day separator's label. */
export function dayLabel(date: Date, now: number): string {
  const days = Math.round((startOfDay(now) - startOfDay(date.getTime())) / (24 * HOUR));
  if (days === 0) return "Today";
  if (days === 1) return "Yesterday";
  return (date.getFullYear() === new Date(now).getFullYear() ? weekday : withYear).format(date);
}
