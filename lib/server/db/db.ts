import { connectPostgres, connectSqlite, SQLITE_PRAGMAS } from "@/lib/server/db/db-connect";
import { postgresRowReader, sqliteRowReader, type Row, type RowQuery, type RowReader } from "@/lib/server/db/db-read";
import { postgresBatchWriter, sqliteBatchWriter, type BatchWriter, type RawTx } from "@/lib/server/db/db-write";
import { mapDatabaseError } from "@/lib/server/db/db-errors";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/shared/errors";
import { inWriteQueue as sharedQueue } from "@/lib/server/db/write-queue";
import { disconnectDb as closeDatabase } from "@/lib/server/db/database";
import type { PrismaClient } from "@/lib/generated/sqlite/client";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

interface Clients {
  reader: PrismaClient;
  writer: PrismaClient;
  /** Raw reads through the driver itself (lib/server/db/db-read.ts), beside Prisma's reader. */
  rows: RowReader;
  /** The group commit's raw write transactions (lib/server/db/db-write.ts). */
  batch: BatchWriter;
  /** SQLite: writes run one at a time, chained here. PostgreSQL: null, transactions run concurrently. */
  queue: Promise<unknown> | null;
}

// Next bundles its own copy of this module; globalThis is what server.ts and Next share, so
// both use the same connections (and the same write queue) in one process.
const store = globalThis as typeof globalThis & { __chatDb?: Promise<Clients>; __chatDbClosed?: boolean };

/** Every query's error goes through lib/server/db/db-errors.ts: a database that is away answers `unavailable`. */
function mappingErrors(client: PrismaClient): PrismaClient {
  const extended = client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          throw mapDatabaseError(error);
        }
      },
    },
  });
  return extended as unknown as PrismaClient;
}

async function open(): Promise<Clients> {
  if (env.databaseProvider === "postgresql") {
    // A pool: reads and transactions each take their own connection; row locks order the writers.
    const { client, pool } = await connectPostgres();
    const mapped = mappingErrors(client);
    return { reader: mapped, writer: mapped, rows: await postgresRowReader(pool), batch: postgresBatchWriter(pool), queue: null };
  }
  // Separate connections: the SQLite adapter runs every query on one connection, so a read issued
  // while a write transaction is open would see its uncommitted rows. Reads get their own, and
  // raw reads through the driver (lib/server/db/db-read.ts) one more, and the group commit (lib/server/db/db-write.ts)
  // its own writer, which takes its turn in the same write queue as Prisma's.
  const file = env.databaseUrl.replace(/^file:/, "");
  const [reader, writer, rows, batch] = await Promise.all([connectSqlite(), connectSqlite(), sqliteRowReader(file, SQLITE_PRAGMAS), sqliteBatchWriter(file, SQLITE_PRAGMAS)]);
  return { reader: mappingErrors(reader), writer: mappingErrors(writer), rows, batch, queue: Promise.resolve() };
}

function clients(): Promise<Clients> {
  // After shutdown began, nothing may quietly reopen the database.
  if (store.__chatDbClosed) return Promise.reject(new AppError("unavailable", "the server is shutting down"));
  if (!store.__chatDb) {
    const opening = open();
    store.__chatDb = opening;
    // A failed open (file locked, server away) is tried again by the next caller, not cached.
    opening.catch(() => {
      if (store.__chatDb === opening) store.__chatDb = undefined;
    });
  }
  return store.__chatDb.catch((error: unknown) => Promise.reject(mapDatabaseError(error)));
}

/** Read-only queries. Sees only committed data. */
export async function reader(): Promise<PrismaClient> {
  return (await clients()).reader;
}

/** Rows of one raw read-only statement, as arrays (lib/server/db/db-read.ts). Sees only committed data. */
export async function readRows(query: RowQuery): Promise<Row[]> {
  const c = await clients();
  try {
    return await c.rows.read(query);
  } catch (error) {
    throw mapDatabaseError(error);
  }
}

/**
 * Runs `work` in a write transaction. On SQLite writes are serialised: it has one writer anyway,
 * and its adapter would otherwise mix a statement issued outside a transaction into an open one.
 */
export async function writeTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  const c = await clients();
  const options = { timeout: 15_000, maxWait: 15_000 };
  return inWriteQueue(c, () => c.writer.$transaction(work, options));
}

/** A write transaction of raw statements through the driver (lib/server/db/db-write.ts), in the same queue. */
export async function writeBatch<T>(work: (tx: RawTx) => Promise<T>): Promise<T> {
  const c = await clients();
  return inWriteQueue(c, () => c.batch.transaction(work));
}

function inWriteQueue<T>(c: Clients, run: () => Promise<T>): Promise<T> {
  // The same queue as lib/server/db/database.ts's writer, while both exist.
  void c;
  return sharedQueue(async () => {
    try {
      return await run();
    } catch (error) {
      throw mapDatabaseError(error);
    }
  });
}

export async function disconnectDb(): Promise<void> {
  // Messages read and write through lib/server/db/database.ts: its connections close with these.
  await closeDatabase();
  const pending = store.__chatDb;
  store.__chatDbClosed = true;
  store.__chatDb = undefined;
  if (!pending) return;
  const c = await pending;
  await c.queue;
  await Promise.all([c.reader.$disconnect(), c.reader === c.writer ? null : c.writer.$disconnect()]);
  await c.batch.close();
  // Last: on PostgreSQL this ends the pool Prisma's adapter was lent.
  await c.rows.close();
}
