import type Database from "better-sqlite3";

// A handful of statement texts are in use; the bound keeps a bug that varies them from leaking.
const MAX_STATEMENTS = 64;

export interface SqliteDriver {
  db: Database.Database;
  /** The statement for `sql`, prepared on first use and kept. */
  prepare(sql: string): Database.Statement<unknown[]>;
}

/**
 * A better-sqlite3 connection of its own with the app's pragmas, for the raw reads
 * (lib/server/db/db-read.ts) and the group commit (lib/server/db/db-write.ts). Loaded on use, as the Prisma adapters
 * are: a server runs one provider's driver only.
 */
export async function openSqliteDriver(file: string, pragmas: readonly string[]): Promise<SqliteDriver> {
  const { default: Sqlite } = await import("better-sqlite3");
  const db = new Sqlite(file);
  for (const pragma of pragmas) db.pragma(pragma);
  const statements = new Map<string, Database.Statement<unknown[]>>();
  return {
    db,
    prepare(sql) {
      let found = statements.get(sql);
      if (!found) {
        if (statements.size >= MAX_STATEMENTS) statements.clear();
        found = db.prepare<unknown[]>(sql);
        statements.set(sql, found);
      }
      return found;
    },
  };
}
