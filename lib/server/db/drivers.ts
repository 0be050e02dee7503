import type Database from "better-sqlite3";
import type { Dialect, SqliteDatabase, SqliteStatement } from "kysely";
import type pg from "pg";
import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/ops/logger";

// The drivers under Kysely's dialects, loaded on use: a server runs one provider's driver only.

// Server-grade SQLite: WAL lets readers run beside the writer; FULL sync means an acknowledged
// message survives a power cut, not only a crash; busy_timeout rides out a CLI writing at once.
// A 32 MiB page cache per connection (the default is 2 MiB) keeps the hot index pages of busy
// rooms, memory-mapped reads save a read() per page, and temporary b-trees stay in memory.
export const SQLITE_PRAGMAS = [
  "journal_mode = WAL",
  "synchronous = FULL",
  "busy_timeout = 5000",
  "foreign_keys = ON",
  "cache_size = -32768",
  "mmap_size = 268435456",
  "temp_store = MEMORY",
];

// A handful of statement texts are in use; the bound keeps a bug that varies them from leaking.
const MAX_STATEMENTS = 128;

/**
 * One better-sqlite3 connection as Kysely's SqliteDialect takes it (its documented `database`
 * option): statements are prepared once per text and kept, where the dialect would prepare each
 * query afresh, and rows are built by `withRowObjects`.
 */
export async function openSqlite(options: { readOnly: boolean }): Promise<Dialect> {
  const [{ default: Sqlite }, { SqliteDialect }] = await Promise.all([import("better-sqlite3"), import("kysely")]);
  const db = new Sqlite(env.databaseUrl.replace(/^file:/, ""));
  try {
    for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
    if (options.readOnly) db.pragma("query_only = ON");
  } catch (error) {
    db.close();
    throw error;
  }
  const statements = new Map<string, SqliteStatement>();
  const cached: SqliteDatabase = {
    close: () => db.close(),
    prepare(sql) {
      let found = statements.get(sql);
      if (!found) {
        if (statements.size >= MAX_STATEMENTS) statements.clear();
        found = withRowObjects(db.prepare<unknown[]>(sql));
        statements.set(sql, found);
      }
      return found;
    },
  };
  // Kysely#destroy closes it.
  return new SqliteDialect({ database: cached });
}

/**
 * A statement whose rows come from better-sqlite3 as arrays (its documented `raw` mode) and are
 * made objects here, keyed by its `columns()`: the driver's own row objects took 45 % of a history
 * page (docs/benchmarks.md, "One data path"). Rows are what the dialect expects either way.
 */
function withRowObjects(statement: Database.Statement<unknown[]>): SqliteStatement {
  if (!statement.reader) return statement;
  const toObject = rowBuilder(statement.columns().map((column) => column.name));
  statement.raw(true);
  return {
    reader: true,
    all: (parameters) => (statement.all(...parameters) as unknown[][]).map(toObject),
    run: (parameters) => statement.run(...parameters),
    *iterate(parameters) {
      for (const values of statement.iterate(...parameters) as IterableIterator<unknown[]>) yield toObject(values);
    },
  };
}

/**
 * A function that makes an array of values an object with these keys, written as one object
 * literal: V8 builds it with its final shape at once, ten times faster than keys assigned in a
 * loop (20 µs of a 100-row page). The names are the statement's columns, quoted by JSON.stringify.
 */
function rowBuilder(names: readonly string[]): (values: unknown[]) => Record<string, unknown> {
  // In a literal, "__proto__" would set the prototype rather than make a key.
  if (names.includes("__proto__")) return (values) => Object.fromEntries(names.map((name, i) => [name, values[i]]));
  const fields = names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(", ");
  return new Function("v", `return { ${fields} };`) as (values: unknown[]) => Record<string, unknown>;
}

// Timestamps arrive as the server's text, read as UTC (lib/server/db/dates.ts), rather than as a
// Date in the process's time zone, which pg's default parser would make of them.
const TIMESTAMP_OIDS = new Set([1114, 1184]);

/** The app's one pool: reads and transactions each take a connection of it. */
export async function openPostgres(): Promise<Dialect> {
  const [{ default: driver }, { PostgresDialect }] = await Promise.all([import("pg"), import("kysely")]);
  const types = {
    getTypeParser: (oid: number, format?: "text" | "binary") =>
      format !== "binary" && TIMESTAMP_OIDS.has(oid) ? (value: string) => value : driver.types.getTypeParser(oid, format as "text"),
  } as pg.CustomTypesConfig;
  const pool = new driver.Pool({ connectionString: env.databaseUrl, max: env.databasePoolSize, types });
  // An idle connection that the server drops emits here; without a listener it would end the
  // process. The next query finds out on its own and answers `unavailable` (lib/server/db/db-errors.ts).
  pool.on("error", (error) => logger.warn({ err: error.message }, "an idle database connection failed"));
  // Kysely#destroy ends it.
  return new PostgresDialect({ pool });
}
