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

type Result = { fields?: { dataTypeID: number }[] };

function catalogTypesAsText(result: unknown): void {
  // A script of several statements answers one result per statement.
  for (const each of (Array.isArray(result) ? result : [result]) as (Result | null)[]) {
    for (const field of each?.fields ?? []) field.dataTypeID = AS_TEXT.get(field.dataTypeID) ?? field.dataTypeID;
  }
}

/**
 * pg's Client with the catalog types above reported as text, given to the pool through its
 * documented `Client` option: every query of the adapter, of its transactions and of its shadow
 * database (whose pool copies these options) goes through `query`, as a promise or a callback.
 */
export class CatalogTextClient extends pg.Client {
  override query(...args: unknown[]): never {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (error: unknown, result: unknown) => {
        if (!error) catalogTypesAsText(result);
        (callback as (error: unknown, result: unknown) => void)(error, result);
      };
    }
    const query = super.query as (...args: unknown[]) => unknown;
    const answer = query.apply(this, args);
    if (answer instanceof Promise) return answer.then((result) => (catalogTypesAsText(result), result)) as never;
    return answer as never;
  }
}

export function postgresAdapter(url: string) {
  // allowExitOnIdle: without it every CLI command lingers for seconds on idle pool connections.
  return new PrismaPg(new pg.Pool({ connectionString: url, allowExitOnIdle: true, Client: CatalogTextClient }));
}

export function cliAdapter(provider: "sqlite" | "postgresql", url: string): Factory {
  return provider === "sqlite" ? sqliteAdapter(url) : postgresAdapter(url);
}
