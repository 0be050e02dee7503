import type { Cell } from "@/lib/server/db/db-read";

// Values of raw rows (lib/server/db/db-read.ts) as the wire carries them. Each returns the cell itself when
// it already has the wire's type, so mapping a page allocates nothing per value it does not need.
// A cell of another type (or a column the SELECT list lacks: undefined) is a bug, and throws.

function unexpected(cell: Cell | undefined, wanted: string): Error {
  return new Error(`expected ${wanted} from the database, got ${typeof cell === "string" ? "text" : String(cell)}`);
}

/** An integer column; PostgreSQL sends a bigint as text. */
export function int(cell: Cell | undefined): number {
  if (typeof cell === "number") return cell;
  if (typeof cell === "string" && /^-?\d+$/.test(cell)) return Number(cell);
  throw unexpected(cell, "an integer");
}

export function text(cell: Cell | undefined): string {
  if (typeof cell === "string") return cell;
  throw unexpected(cell, "text");
}

const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const PRISMA_SQLITE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;
const TIME = /\d\d:\d\d:\d\d(?:\.\d+)?(Z|[+-]\d\d(:?\d\d)?)?$/;

/**
 * A stored timestamp as ISO 8601 in UTC with milliseconds (what Date#toISOString gives). The
 * forms Prisma writes are rewritten without a Date; anything else is read as Prisma reads it: a
 * time without a zone is UTC, a date without a time is midnight UTC, a number is epoch ms.
 */
export function isoDate(cell: Cell | undefined): string {
  if (typeof cell === "string") {
    if (CANONICAL.test(cell)) return cell;
    if (PRISMA_SQLITE.test(cell)) return `${cell.slice(0, 23)}Z`;
    return new Date(asUtcText(cell)).toISOString();
  }
  if (typeof cell === "number") return new Date(cell).toISOString();
  throw unexpected(cell, "a timestamp");
}

export function isoDateOrNull(cell: Cell | undefined): string | null {
  return cell === null ? null : isoDate(cell);
}

/** Prisma's reading of SQLite's and PostgreSQL's timestamp text (its runtime's DataMapper). */
function asUtcText(value: string): string {
  const time = TIME.exec(value);
  if (!time) return `${value}T00:00:00Z`;
  const [whole, zone, minutes] = time;
  let out = zone === undefined ? `${value}Z` : zone !== "Z" && minutes === undefined ? `${value}:00` : value;
  const gap = time.index - 1;
  if (whole.length !== value.length && out[gap] === " ") out = `${out.slice(0, gap)}T${out.slice(gap + 1)}`;
  return whole.length === value.length ? `1970-01-01T${out}` : out;
}
