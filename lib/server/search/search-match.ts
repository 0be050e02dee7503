import { sql, type RawBuilder } from "kysely";
import { env } from "@/lib/server/env";
import type { Term } from "@/lib/server/search/search-terms";

// The text part of a search as SQL, per provider: where candidate messages come from (`from`,
// `m` being Message), the id they are ordered by, newest first, and the conditions on them. Match
// expressions are built here from the terms, each term quoted, and bound as parameters: user text
// never becomes FTS5 or tsquery syntax.

export interface MatchSql {
  from: RawBuilder<unknown>;
  id: RawBuilder<number>;
  where: RawBuilder<unknown>[];
}

const ftsString = (text: string) => `"${text.replaceAll('"', '""')}"`;
const ftsTerm = (term: Term) => (term.kind === "substring" ? ftsString(term.text) : `${ftsString(term.tokens.join(" "))}${term.prefix ? "*" : ""}`);

/** SQLite: the trigram or the word FTS5 table drives, newest rowid first; the other is looked up per row. */
function sqliteMatch(all: readonly Term[], none: readonly Term[]): MatchSql {
  const substrings = all.filter((t) => t.kind === "substring").map(ftsTerm);
  const tokens = all.filter((t) => t.kind === "tokens").map(ftsTerm);
  const where: RawBuilder<unknown>[] = [];
  const check = (table: "MessageTrigrams" | "MessageWords", expr: string) =>
    sql`EXISTS (SELECT 1 FROM ${sql.table(table)} x WHERE x.${sql.ref(table)} MATCH ${expr} AND x.rowid = m.id)`;
  const excludedSubstrings = none.filter((t) => t.kind === "substring").map(ftsTerm);
  const excludedTokens = none.filter((t) => t.kind === "tokens").map(ftsTerm);
  if (excludedSubstrings.length > 0) where.push(sql`NOT ${check("MessageTrigrams", excludedSubstrings.join(" OR "))}`);
  if (excludedTokens.length > 0) where.push(sql`NOT ${check("MessageWords", excludedTokens.join(" OR "))}`);
  const drive = (table: "MessageTrigrams" | "MessageWords", expr: string): MatchSql => ({
    // CROSS JOIN keeps the FTS table outermost, so its descending rowid order serves ORDER BY and LIMIT.
    from: sql`${sql.table(table)} t CROSS JOIN "Message" m`,
    id: sql<number>`t.rowid`,
    where: [sql`t.${sql.ref(table)} MATCH ${expr}`, sql`m.id = t.rowid`, ...where],
  });
  if (substrings.length > 0) {
    const match = drive("MessageTrigrams", substrings.join(" AND "));
    if (tokens.length > 0) match.where.push(check("MessageWords", tokens.join(" AND ")));
    return match;
  }
  if (tokens.length > 0) return drive("MessageWords", tokens.join(" AND "));
  return { from: sql`"Message" m`, id: sql<number>`m.id`, where };
}

const tsLexeme = (token: string) => `'${token.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
const tsTerm = (tokens: readonly string[], prefix: boolean) => `(${tokens.map(tsLexeme).join(" <-> ")}${prefix ? ":*" : ""})`;
const likeEscape = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** PostgreSQL: one MessageSearch row per message; GIN indexes serve `@@` (words) and LIKE (trigrams). */
function postgresTerm(term: Term): RawBuilder<unknown> {
  if (term.kind === "substring") return sql`s.body LIKE '%' || search_fold(${likeEscape(term.text)}) || '%'`;
  return sql`s.words @@ to_tsquery('simple', search_fold(${tsTerm(term.tokens, term.prefix)}))`;
}

function postgresMatch(all: readonly Term[], none: readonly Term[]): MatchSql {
  if (all.length === 0 && none.length === 0) return { from: sql`"Message" m`, id: sql<number>`m.id`, where: [] };
  return {
    from: sql`"MessageSearch" s JOIN "Message" m ON m.id = s."messageId"`,
    id: sql<number>`s."messageId"`,
    where: [...all.map(postgresTerm), ...none.map((term) => sql`NOT (${postgresTerm(term)})`)],
  };
}

/** The text conditions of a search: every term of `all`, none of `none`. */
export function matchSql(terms: { all: readonly Term[]; none: readonly Term[] }): MatchSql {
  return env.databaseProvider === "postgresql" ? postgresMatch(terms.all, terms.none) : sqliteMatch(terms.all, terms.none);
}
