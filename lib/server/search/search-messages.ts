import { sql, type RawBuilder } from "kysely";
import { reader } from "@/lib/server/db/database";
import { env } from "@/lib/server/env";
import { storedDate } from "@/lib/server/db/dates";
import { jsonList } from "@/lib/server/db/json-rows";
import { decodeSearchCursor, encodeSearchCursor } from "@/lib/server/search/search-cursor";
import { matchSql } from "@/lib/server/search/search-match";
import { readSearchResults } from "@/lib/server/search/search-results";
import { termsOf } from "@/lib/server/search/search-terms";
import type { MessageSearchResult } from "@/lib/shared/protocol";
import { isRoomSlug, isUsername } from "@/lib/shared/protocol/names";

// Search: the messages a user may read (their rooms and conversations, and every public room)
// that match the query, newest first. Rooms they may not read are left out by the query itself,
// never after the fact, so `in:` a private room answers as `in:` a room that does not exist.

/** The parsed query (lib/shared/search/search-query.ts's SearchQuery), as far as the search reads it. */
export interface SearchTerms {
  words: readonly string[];
  phrases: readonly string[];
  excluded: readonly string[];
  from: readonly string[];
  in: readonly string[];
  /** ISO instants: createdAt < before, createdAt >= after. */
  before: string | null;
  after: string | null;
  has: readonly ("link" | "mention")[];
}

export interface SearchInput {
  user: { id: number; username: string };
  query: SearchTerms;
  /** A room slug the search is restricted to (like `in:`). */
  room?: string;
  limit: number;
  cursor?: string;
}

export type SearchPage = MessageSearchResult;

// Only well-formed names are bound (the parser gives no others): a value no user or room can have
// is dropped, while the filter stays, so `in:` with only such values matches nothing.
const names = (list: readonly string[], mark: string, valid: (name: string) => boolean) =>
  JSON.stringify(list.map((n) => (n.startsWith(mark) ? n.slice(1) : n).toLowerCase()).filter(valid));

function validDate(iso: string | null): string | null {
  const date = iso === null ? null : new Date(iso);
  return date && !Number.isNaN(date.getTime()) ? storedDate(date) : null;
}

/** The filters other than text, on `m` (Message): readable rooms first. */
function filtersOf(input: SearchInput): RawBuilder<unknown>[] {
  const { query, user } = input;
  const where: RawBuilder<unknown>[] = [
    sql`m."roomId" IN (SELECT "roomId" FROM "Member" WHERE "userId" = ${user.id} UNION SELECT id FROM "Room" WHERE visibility = 'public')`,
    sql`m."deletedAt" IS NULL`,
  ];
  const inRooms = (json: string) => sql`m."roomId" IN (SELECT id FROM "Room" WHERE slug IN ${jsonList<string>(json, "text")})`;
  if (query.in.length > 0) where.push(inRooms(names(query.in, "#", isRoomSlug)));
  if (input.room !== undefined) where.push(inRooms(JSON.stringify([input.room])));
  if (query.from.length > 0) where.push(sql`m."authorId" IN (SELECT id FROM "User" WHERE username IN ${jsonList<string>(names(query.from, "@", isUsername), "text")})`);
  const until = validDate(query.before);
  const since = validDate(query.after);
  if (until !== null) where.push(sql`m."createdAt" < ${until}`);
  if (since !== null) where.push(sql`m."createdAt" >= ${since}`);
  // As the renderer links them (lib/shared/markdown/inline-tokens.ts): any case of the scheme.
  // SQLite's LIKE folds ASCII case already; PostgreSQL's needs ILIKE.
  const like = sql.raw(env.databaseProvider === "postgresql" ? "ILIKE" : "LIKE");
  if (query.has.includes("link")) where.push(sql`(m.text ${like} '%http://%' OR m.text ${like} '%https://%')`);
  if (query.has.includes("mention")) {
    where.push(sql`EXISTS (SELECT 1 FROM "MessageMention" mm WHERE mm."roomId" = m."roomId" AND mm.seq = m.seq AND mm.username = ${user.username})`);
  }
  return where;
}

/** A page of the messages `input.user` may read that match `input.query`, newest first. */
export async function searchMessages(input: SearchInput): Promise<SearchPage> {
  const before = input.cursor === undefined ? null : decodeSearchCursor(input.cursor);
  const match = matchSql(termsOf(input.query));
  const where = [...match.where, ...filtersOf(input)];
  // On the driving table's id, so SQLite's FTS5 starts its descending scan there.
  if (before !== null) where.push(sql`${match.id} < ${before}`);
  const db = await reader();
  // One row more than the page tells whether there is a next page.
  const { rows } = await sql<{ id: number; roomId: number; seq: number }>`
    SELECT m.id, m."roomId", m.seq FROM ${match.from}
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY ${match.id} DESC LIMIT ${input.limit + 1}`.execute(db);
  const page = rows.slice(0, input.limit);
  const results = await readSearchResults(db, { userId: input.user.id, hits: page });
  const last = page.at(-1);
  return { results, nextCursor: rows.length > input.limit && last ? encodeSearchCursor(last.id) : null };
}
