import type pg from "pg";
import { openSqliteDriver } from "@/lib/server/db/sqlite-driver";

// Raw reads straight through the driver, for the hot read paths (history pages, the socket
// handshake's user read). Prisma's $queryRaw converts every row and value twice on the way (its
// adapter, then its client engine), which made most of a history page's garbage and thus its p99
// (docs/benchmarks.md, "History pages without Prisma in the way").

/**
 * A value as the drivers hand it over: integers as numbers (a PostgreSQL bigint as text), text as
 * strings, timestamps as the text the database holds (SQLite: as stored, normally ISO 8601 with
 * "+00:00"; PostgreSQL: "YYYY-MM-DD HH:MM:SS.fff" in UTC), booleans as 0/1 on SQLite and as
 * booleans on PostgreSQL. lib/server/db/sql-cells.ts turns them into the wire's values.
 */
export type Cell = string | number | boolean | null;
/** A row as an array of its columns, in the order of the statement's SELECT list. */
export type Row = readonly Cell[];

export interface RowQuery {
  /** With `?` placeholders on SQLite and `$1`… on PostgreSQL (lib/server/db/sql-params.ts writes both). */
  sql: string;
  params: readonly unknown[];
}

export interface RowReader {
  read(query: RowQuery): Promise<Row[]>;
  close(): Promise<void>;
}

/**
 * A connection of its own: reads must not share the writer's, where they would see the rows of
 * a write transaction not yet committed (lib/server/db/db.ts). Statements are prepared once and kept.
 */
export async function sqliteRowReader(file: string, pragmas: readonly string[]): Promise<RowReader> {
  const { db, prepare } = await openSqliteDriver(file, pragmas);
  db.pragma("query_only = ON");
  return {
    read: async ({ sql, params }) => prepare(sql).raw(true).all(...params) as Row[],
    close: async () => void db.close(),
  };
}

// Timestamps arrive as the server's text, read as UTC (as Prisma's adapter reads them), rather
// than as a Date in the process's time zone, which pg's default parser would make of them.
const TIMESTAMP_OIDS = new Set([1114, 1184]);
const asText = (value: string) => value;

/** The app's one pool, shared with Prisma's adapter, which was given it and leaves closing it to us. */
export async function postgresRowReader(pool: pg.Pool): Promise<RowReader> {
  const { default: driver } = await import("pg");
  const types = {
    getTypeParser: (oid: number, format?: "text" | "binary") =>
      format !== "binary" && TIMESTAMP_OIDS.has(oid) ? asText : driver.types.getTypeParser(oid, format as "text"),
  } as pg.CustomTypesConfig;
  return {
    read: async ({ sql, params }) => (await pool.query<Cell[]>({ text: sql, values: [...params], rowMode: "array", types })).rows,
    close: () => pool.end(),
  };
}
