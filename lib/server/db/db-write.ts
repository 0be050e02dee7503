import type pg from "pg";
import { openSqliteDriver } from "@/lib/server/db/sqlite-driver";

// Write transactions of raw statements straight through the driver, for the group commit
// (lib/server/messages/send-message.ts). Through Prisma each commit of a fan-out's small batches cost its
// interactive-transaction machinery, its engine and a statement prepared afresh per query: about
// half of the server's busy CPU in the fan-out profile (docs/benchmarks.md, "The group commit
// without Prisma").

/** The raw-statement part of Prisma's transaction client, so the batch SQL runs on either. */
export interface RawTx {
  $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
}

export interface BatchWriter {
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: RawTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Values as each driver binds them: a Date as the text the provider's DateTime column holds
// (SQLite: ISO 8601 with "+00:00", as Prisma's adapter writes it; PostgreSQL: UTC without a zone,
// where pg would otherwise write the process's local time).
export function sqlDate(date: Date, postgres: boolean): string {
  const iso = date.toISOString();
  return postgres ? iso.slice(0, -1) : iso.replace("Z", "+00:00");
}

const bindable = (postgres: boolean) => (values: unknown[]) =>
  values.map((value) => (value instanceof Date ? sqlDate(value, postgres) : value));

/**
 * A connection of its own, used only by the group commit, which runs one batch at a time and
 * inside lib/server/db/db.ts's write queue, so it never waits on the app's other writer in this process.
 * A plain (deferred) BEGIN, as Prisma's adapter issues: when another process holds the write
 * lock, the batch's first write fails at once with SQLITE_BUSY (answered `unavailable`, and the
 * client retries) rather than blocking the event loop for busy_timeout in `BEGIN IMMEDIATE`.
 */
export async function sqliteBatchWriter(file: string, pragmas: readonly string[]): Promise<BatchWriter> {
  const { db, prepare } = await openSqliteDriver(file, pragmas);
  const bind = bindable(false);
  const tx: RawTx = {
    $queryRawUnsafe: async <T>(sql: string, ...values: unknown[]) => prepare(sql).all(...bind(values)) as T,
    $executeRawUnsafe: async (sql, ...values) => prepare(sql).run(...bind(values)).changes,
  };
  return {
    async transaction(work) {
      db.exec("BEGIN");
      try {
        const result = await work(tx);
        db.exec("COMMIT");
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    },
    close: async () => void db.close(),
  };
}

/** A connection of the app's pool for each transaction. */
export function postgresBatchWriter(pool: pg.Pool): BatchWriter {
  const bind = bindable(true);
  return {
    async transaction(work) {
      const client = await pool.connect();
      const tx: RawTx = {
        $queryRawUnsafe: async <T>(sql: string, ...values: unknown[]) => (await client.query({ text: sql, values: bind(values) })).rows as T,
        $executeRawUnsafe: async (sql, ...values) => (await client.query({ text: sql, values: bind(values) })).rowCount ?? 0,
      };
      let broken: unknown;
      try {
        await client.query("BEGIN");
        const result = await work(tx);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollbackError: unknown) => (broken = rollbackError));
        throw error;
      } finally {
        // A connection that could not even roll back is not given back to the pool.
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    // The pool is the app's: lib/server/db/db.ts ends it with the row reader.
    close: async () => undefined,
  };
}
