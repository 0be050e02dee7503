import { AppError } from "@/lib/shared/errors";

// A page of results ends at a message id (results are newest first, by id); the next page is the
// results with smaller ids. The cursor is that id, opaque to clients (base64url), checked on the way in.

export function encodeSearchCursor(id: number): string {
  return Buffer.from(`s${id}`, "utf8").toString("base64url");
}

/** The id a cursor stands for; `invalid` for anything encodeSearchCursor could not have made. */
export function decodeSearchCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  const match = /^s([1-9]\d{0,14})$/.exec(text);
  const id = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(id) || encodeSearchCursor(id) !== cursor) throw new AppError("invalid", "cursor is not one this server gave");
  return id;
}
