import { sql, type AliasedRawBuilder, type RawBuilder } from "kysely";
import { env } from "@/lib/server/env";

// Many rows as one JSON parameter, read back as a table by the database's JSON functions: a
// batch's statement has the same text (prepared once) and one parameter whatever its size, so no
// limit on bound parameters caps it. The group commit and large `IN` lists use it.

type ColumnType = "integer" | "text" | "timestamp";
export type JsonColumns<R> = { readonly [K in keyof R & string]: ColumnType };

const POSTGRES_TYPES: Record<ColumnType, string> = { integer: "integer", text: "text", timestamp: "timestamp(3)" };

/**
 * Rows as a table aliased `alias`, with `columns` typed as declared, from `json`: the rows'
 * JSON text (a prepared query's value, lib/server/db/prepared.ts). A timestamp holds storedDate's text.
 */
export function jsonTable<R extends object, A extends string>(json: unknown, columns: JsonColumns<R>, alias: A): AliasedRawBuilder<R, A> {
  const names = Object.keys(columns) as (keyof R & string)[];
  if (env.databaseProvider === "postgresql") {
    const types = sql.raw(names.map((name) => `"${name}" ${POSTGRES_TYPES[columns[name]]}`).join(", "));
    return sql<R>`(SELECT * FROM json_to_recordset(CAST(${json} AS json)) AS t (${types}))`.as(alias);
  }
  const fields = sql.raw(names.map((name) => `json_extract(value, '$.${name}') AS "${name}"`).join(", "));
  return sql<R>`(SELECT ${fields} FROM json_each(${json}))`.as(alias);
}

/** A subquery yielding `ids`, for `x IN (...)`: one parameter however many ids. */
export const jsonIds = (ids: readonly number[]): RawBuilder<number> => jsonList(JSON.stringify(ids), "integer");

/** The values of `json`, a JSON array's text, as a subquery of integers or texts. */
export function jsonList<T extends number | string>(json: unknown, type: "integer" | "text"): RawBuilder<T> {
  if (env.databaseProvider !== "postgresql") return sql<T>`(SELECT value FROM json_each(${json}))`;
  return type === "integer"
    ? sql<T>`(SELECT CAST(value AS integer) FROM json_array_elements_text(CAST(${json} AS json)))`
    : sql<T>`(SELECT value FROM json_array_elements_text(CAST(${json} AS json)))`;
}
