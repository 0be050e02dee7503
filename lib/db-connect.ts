import type { PrismaClient } from "@/lib/generated/sqlite/client";
import { env } from "@/lib/env";

// Opens the database the environment names, with the client generated for its provider. Both
// clients have the same model API; the SQLite client's type stands for both.

// Server-grade SQLite: WAL lets readers run beside the writer; FULL sync means an acknowledged
// message survives a power cut, not only a crash; busy_timeout rides out a CLI writing at once.
// A 32 MiB page cache per connection (the default is 2 MiB) keeps the hot index pages of busy
// rooms, memory-mapped reads save a read() per page, and temporary b-trees stay in memory.
const SQLITE_PRAGMAS = [
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

export async function connectPostgres(): Promise<PrismaClient> {
  const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
    import("@/lib/generated/postgres/client"),
    import("@prisma/adapter-pg"),
  ]);
  const adapter = new PrismaPg({ connectionString: env.databaseUrl, max: env.databasePoolSize });
  return new PrismaClient({ adapter }) as unknown as PrismaClient;
}
