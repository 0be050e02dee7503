import type { PrismaClient } from "@/lib/generated/sqlite/client";
import type { Pool } from "pg";
import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/ops/logger";

// Opens the database the environment names, with the client generated for its provider. Both
// clients have the same model API; the SQLite client's type stands for both.

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

export async function connectSqlite(): Promise<PrismaClient> {
  const [{ PrismaClient }, { PrismaBetterSQLite3 }] = await Promise.all([
    import("@/lib/generated/sqlite/client"),
    import("@prisma/adapter-better-sqlite3"),
  ]);
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: env.databaseUrl }) });
  for (const pragma of SQLITE_PRAGMAS) await client.$queryRawUnsafe(`PRAGMA ${pragma}`);
  return client;
}

/** Prisma's client on a pool the app owns, so raw reads (lib/server/db/db-read.ts) share its connections. */
export async function connectPostgres(): Promise<{ client: PrismaClient; pool: Pool }> {
  const [{ PrismaClient }, { PrismaPg }, { default: pg }] = await Promise.all([
    import("@/lib/generated/postgres/client"),
    import("@prisma/adapter-pg"),
    import("pg"),
  ]);
  const pool = new pg.Pool({ connectionString: env.databaseUrl, max: env.databasePoolSize });
  // An idle connection that the server drops emits here; without a listener it would end the
  // process. The next query finds out on its own and answers `unavailable` (lib/server/db/db-errors.ts).
  pool.on("error", (error) => logger.warn({ err: error.message }, "an idle database connection failed"));
  const client = new PrismaClient({ adapter: new PrismaPg(pool) }) as unknown as PrismaClient;
  return { client, pool };
}
