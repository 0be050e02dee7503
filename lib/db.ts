import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/sqlite/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// Server-grade SQLite: WAL lets readers run beside the writer; FULL sync means an acknowledged
// message survives a power cut, not only a crash; busy_timeout rides out a CLI writing at once.
const pragmas = ["journal_mode = WAL", "synchronous = FULL", "busy_timeout = 5000", "foreign_keys = ON"];

function connect(): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: env.databaseUrl }) });
  return client;
}

async function applyPragmas(client: PrismaClient): Promise<void> {
  for (const pragma of pragmas) await client.$queryRawUnsafe(`PRAGMA ${pragma}`);
}

interface Clients {
  reader: PrismaClient;
  writer: PrismaClient;
  ready: Promise<void>;
  queue: Promise<unknown>;
}

// Next bundles its own copy of this module; globalThis is what server.ts and Next share, so
// both use the same connections (and the same write queue) in one process.
const store = globalThis as typeof globalThis & { __chatDb?: Clients; __chatDbClosed?: boolean };

function clients(): Clients {
  // After shutdown began, nothing may quietly reopen the database.
  if (store.__chatDbClosed) throw new AppError("unavailable", "the server is shutting down");
  if (!store.__chatDb) {
    // Two connections: the adapter runs every query on one connection, so a read issued while
    // a write transaction is open would see its uncommitted rows. Reads get their own.
    const reader = connect();
    const writer = connect();
    const ready = Promise.all([applyPragmas(writer), applyPragmas(reader)]).then(() => undefined);
    store.__chatDb = { reader, writer, ready, queue: ready };
  }
  return store.__chatDb;
}

/** Read-only queries. Sees only committed data. */
export async function reader(): Promise<PrismaClient> {
  const c = clients();
  await c.ready;
  return c.reader;
}

/**
 * Runs `work` in a write transaction. Writes are serialised: SQLite has one writer anyway, and
 * the adapter would otherwise mix a statement issued outside a transaction into an open one.
 */
export async function writeTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  const c = clients();
  const run = c.queue.then(() => c.writer.$transaction(work, { timeout: 15_000, maxWait: 15_000 }));
  c.queue = run.catch(() => undefined);
  return run;
}

export async function disconnectDb(): Promise<void> {
  const c = store.__chatDb;
  store.__chatDbClosed = true;
  if (!c) return;
  store.__chatDb = undefined;
  await c.queue;
  await Promise.all([c.reader.$disconnect(), c.writer.$disconnect()]);
}
