// Driver adapters for the Prisma CLI (migrate, seed's schema engine), with the workarounds the
// Wasm schema engine needs here. Used by prisma.config.ts alone; the running app needs none.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

type Factory = ReturnType<typeof sqliteAdapter> | ReturnType<typeof postgresAdapter>;

export function sqliteAdapter(url: string) {
  return new PrismaBetterSQLite3({ url });
}

// prisma/prisma#27403: the schema engine reads catalog columns of types the pg adapter cannot
// deserialize ("Column type 'name' could not be deserialized"). They are plain text to it.
const TEXT = 25;
const TEXT_ARRAY = 1009;
const AS_TEXT = new Map<number, number>([
  [18, TEXT], // "char"
  [19, TEXT], // name
  [24, TEXT], // regproc
  [194, TEXT], // pg_node_tree
  [1002, TEXT_ARRAY], // "char"[]
  [1003, TEXT_ARRAY], // name[]
  [2205, TEXT], // regclass
  [2206, TEXT], // regtype
]);

interface PgResult {
  fields: { dataTypeID: number }[];
}
interface Queryable {
  performIO(query: unknown): Promise<PgResult>;
  startTransaction?(...args: unknown[]): Promise<Queryable>;
}

function patchQueryable<T extends Queryable>(queryable: T): T {
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) field.dataTypeID = AS_TEXT.get(field.dataTypeID) ?? field.dataTypeID;
    return result;
  };
  const startTransaction = queryable.startTransaction?.bind(queryable);
  if (startTransaction) queryable.startTransaction = async (...args) => patchQueryable(await startTransaction(...args));
  return queryable;
}

export function postgresAdapter(url: string) {
  // allowExitOnIdle: without it every CLI command lingers for seconds on idle pool connections.
  const factory = new PrismaPg({ connectionString: url, allowExitOnIdle: true } as pg.PoolConfig);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => patchQueryable((await connect()) as unknown as Queryable) as never;
  return factory;
}

export function cliAdapter(provider: "sqlite" | "postgresql", url: string): Factory {
  return provider === "sqlite" ? sqliteAdapter(url) : postgresAdapter(url);
}
