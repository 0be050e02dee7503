import { env } from "@/lib/server/env";

// DateTime columns are read as the text the database holds (lib/server/db/drivers.ts) and written
// as text in one form per provider, the form Prisma's adapters wrote before the app used Kysely:
// SQLite "YYYY-MM-DDTHH:MM:SS.sss+00:00", PostgreSQL "YYYY-MM-DD HH:MM:SS.sss" (UTC, no zone).
// One form per column keeps SQLite's text comparisons (`endedAt < ?`) ordered as time.

/** `date` as the text this provider's DateTime columns hold. */
export function storedDate(date: Date = new Date()): string {
  const iso = date.toISOString();
  return env.databaseProvider === "postgresql" ? `${iso.slice(0, 10)} ${iso.slice(11, 23)}` : `${iso.slice(0, 23)}+00:00`;
}

const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const SQLITE_FORM = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;
const POSTGRES_FORM = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/;
const TIME = /\d\d:\d\d:\d\d(?:\.\d+)?(Z|[+-]\d\d(:?\d\d)?)?$/;

/**
 * A stored timestamp as ISO 8601 in UTC with milliseconds (what Date#toISOString gives). The
 * forms the app writes are rewritten without a Date; any other (a row written by hand, SQLite's
 * CURRENT_TIMESTAMP, PostgreSQL's text without trailing zeros) is read as UTC when it has no zone.
 */
export function isoDate(value: string | number): string {
  if (typeof value === "number") return new Date(value).toISOString();
  if (CANONICAL.test(value)) return value;
  if (SQLITE_FORM.test(value)) return `${value.slice(0, 23)}Z`;
  if (POSTGRES_FORM.test(value)) return `${value.slice(0, 10)}T${value.slice(11)}Z`;
  const date = new Date(asUtcText(value));
  if (Number.isNaN(date.getTime())) throw new Error(`expected a timestamp from the database, got ${JSON.stringify(value)}`);
  return date.toISOString();
}

export function isoDateOrNull(value: string | number | null): string | null {
  return value === null ? null : isoDate(value);
}

/** A time without a zone is UTC; a date without a time is midnight UTC; a lone time is 1970-01-01. */
function asUtcText(value: string): string {
  const time = TIME.exec(value);
  if (!time) return `${value}T00:00:00Z`;
  const [whole, zone, minutes] = time;
  let out = zone === undefined ? `${value}Z` : zone !== "Z" && minutes === undefined ? `${value}:00` : value;
  const gap = time.index - 1;
  if (whole.length !== value.length && out[gap] === " ") out = `${out.slice(0, gap)}T${out.slice(gap + 1)}`;
  return whole.length === value.length ? `1970-01-01T${out}` : out;
}
