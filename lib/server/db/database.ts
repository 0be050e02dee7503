import { Kysely, type Transaction } from "kysely";
import type { DB } from "@/lib/generated/kysely/types";
import { errorMappingDialect } from "@/lib/server/db/error-mapping-dialect";
import { mapDatabaseError } from "@/lib/server/db/db-errors";
import { openPostgres, openSqlite } from "@/lib/server/db/drivers";
import { inWriteQueue, writesDone } from "@/lib/server/db/write-queue";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/shared/errors";

// The app's one way to the database: Kysely, typed from prisma/schema.prisma
// (lib/generated/kysely/types.ts, made by `prisma generate`), one SQL text for both providers.

export type { DB };
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;

interface Connections {
  reader: Db;
  writer: Db;
  close(): Promise<void>;
}

// Next bundles its own copy of this module; globalThis is what server.ts and Next share, so
// both use the same connections in one process.
const store = globalThis as typeof globalThis & { __chatDatabase?: Promise<Connections>; __chatDatabaseClosed?: boolean };

async function open(): Promise<Connections> {
  if (env.databaseProvider === "postgresql") {
    // A pool: reads and transactions each take their own connection; row locks order the writers.
    const db = new Kysely<DB>({ dialect: errorMappingDialect(await openPostgres()) });
    return { reader: db, writer: db, close: () => db.destroy() };
  }
  // Two connections. Reads get their own, read-only: on the writer's they would wait behind a
  // write transaction (the dialect runs one query per connection at a time) or see its
  // uncommitted rows. Writes take turns on the writer (lib/server/db/write-queue.ts).
  const reader = new Kysely<DB>({ dialect: errorMappingDialect(await openSqlite({ readOnly: true })) });
  const writer = new Kysely<DB>({ dialect: errorMappingDialect(await openSqlite({ readOnly: false })) });
  return { reader, writer, close: async () => void (await Promise.all([reader.destroy(), writer.destroy()])) };
}

function connections(): Promise<Connections> {
  // After shutdown began, nothing may quietly reopen the database.
  if (store.__chatDatabaseClosed) return Promise.reject(new AppError("unavailable", "the server is shutting down"));
  if (!store.__chatDatabase) {
    const opening = open();
    store.__chatDatabase = opening;
    // A failed open (file locked, server away) is tried again by the next caller, not cached.
    opening.catch(() => {
      if (store.__chatDatabase === opening) store.__chatDatabase = undefined;
    });
  }
  return store.__chatDatabase.catch((error: unknown) => Promise.reject(mapDatabaseError(error)));
}

/** Read-only queries. Sees only committed data. */
export async function reader(): Promise<Db> {
  return (await connections()).reader;
}

/** Runs `work` in one write transaction: committed if it resolves, rolled back if it throws. */
export async function writeTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  const { writer } = await connections();
  return inWriteQueue(() => writer.transaction().execute(work));
}

export function dialect(): "sqlite" | "postgresql" {
  return env.databaseProvider;
}

export async function disconnectDb(): Promise<void> {
  const pending = store.__chatDatabase;
  store.__chatDatabaseClosed = true;
  store.__chatDatabase = undefined;
  if (!pending) return;
  const c = await pending.catch(() => null);
  await writesDone();
  await c?.close();
}
