import type { CompiledQuery, DatabaseConnection, Dialect, Driver, Kysely, QueryResult } from "kysely";
import { mapDatabaseError } from "@/lib/server/db/db-errors";

// Every query's error goes through lib/server/db/db-errors.ts, so a database that is away answers
// `unavailable` wherever it was asked. Kysely's Dialect and Driver are its documented extension
// interfaces; this one hands the provider's dialect every call, with the connection it made.

const mapped = async <T>(run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    throw mapDatabaseError(error);
  }
};

class MappedConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return mapped(() => this.inner.executeQuery<R>(query));
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

const unwrap = (connection: DatabaseConnection) => (connection instanceof MappedConnection ? connection.inner : connection);

function mappedDriver(driver: Driver): Driver {
  return {
    init: () => mapped(() => driver.init()),
    acquireConnection: () => mapped(async () => new MappedConnection(await driver.acquireConnection())),
    beginTransaction: (connection, settings) => mapped(() => driver.beginTransaction(unwrap(connection), settings)),
    commitTransaction: (connection) => mapped(() => driver.commitTransaction(unwrap(connection))),
    rollbackTransaction: (connection) => mapped(() => driver.rollbackTransaction(unwrap(connection))),
    releaseConnection: (connection) => driver.releaseConnection(unwrap(connection)),
    destroy: () => driver.destroy(),
  };
}

export function errorMappingDialect(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => mappedDriver(dialect.createDriver()),
    createIntrospector: (db: Kysely<unknown>) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}
