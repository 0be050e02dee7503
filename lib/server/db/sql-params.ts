import { sqlDate } from "@/lib/server/db/db-write";
import { env } from "@/lib/server/env";

/** A column of a JSON-fed table: its name and its PostgreSQL type. */
export type SqlColumn = readonly [name: string, pgType: "integer" | "text" | "timestamp(3)"];

/**
 * Bound parameters of one raw statement, written for both providers, whose schemas share table
 * and column names (prisma/postgres/schema.prisma is generated from prisma/schema.prisma).
 * PostgreSQL numbers its placeholders ($1, $2, ...); SQLite takes `?`.
 */
export class SqlParams {
  readonly values: unknown[] = [];
  readonly postgres = env.databaseProvider === "postgresql";

  add(value: unknown): string {
    this.values.push(value);
    return this.postgres ? `$${this.values.length}` : "?";
  }

  /**
   * A subquery yielding `ids`, for `x IN (...)`: one JSON parameter, so the statement's text is
   * the same whatever the number of ids (prepared once, lib/server/db/db-read.ts) and has no bound on it.
   */
  ids(ids: readonly number[]): string {
    const json = this.add(JSON.stringify(ids));
    return this.postgres
      ? `(SELECT CAST(value AS integer) FROM json_array_elements_text(CAST(${json} AS json)))`
      : `(SELECT value FROM json_each(${json}))`;
  }

  /**
   * A subquery yielding `rows` as a table, sent as one JSON parameter: the statement's text and
   * its parameter count stay the same whatever the batch size (no per-value cost in Prisma's
   * engine, no limit on bound parameters).
   */
  table(rows: readonly object[], columns: readonly SqlColumn[]): string {
    const dates = columns.filter(([, type]) => type === "timestamp(3)").map(([name]) => name);
    const json = JSON.stringify(dates.length ? rows.map((row) => this.withSqlDates(row, dates)) : rows);
    if (this.postgres) {
      const types = columns.map(([name, type]) => `"${name}" ${type}`).join(", ");
      return `(SELECT * FROM json_to_recordset(CAST(${this.add(json)} AS json)) AS t (${types}))`;
    }
    const fields = columns.map(([name]) => `json_extract(value, '$.${name}') AS "${name}"`).join(", ");
    return `(SELECT ${fields} FROM json_each(${this.add(json)}))`;
  }

  private withSqlDates(row: object, dates: readonly string[]): object {
    const copy: Record<string, unknown> = { ...row };
    for (const name of dates) if (copy[name] instanceof Date) copy[name] = sqlDate(copy[name], this.postgres);
    return copy;
  }
}

