import { AppError, isAppError } from "@/lib/shared/errors";

// Tells "the database cannot be reached or written right now" (a clean `unavailable`: the client
// retries later, nothing was stored) from a bug (`internal`). Errors arrive in several wrappings:
// Prisma's (code P…, meta.driverAdapterError.cause), the adapter's (cause.kind, originalCode),
// better-sqlite3's (SQLITE_*) and node-postgres' or the socket's (SQLSTATE, E*), unwrapped from
// raw reads (lib/server/db/db-read.ts), so every layer of cause is looked at.

/** Prisma: can't reach (P1001), timed out (P1002, P1008; SQLITE_BUSY arrives as P1008), closed (P1017), pool timeout (P2024), transaction could not start or expired (P2028), too many connections (P2037). */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2037"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError", "TransactionAlreadyClosed"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH"]);
/** SQLite primary result codes: BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN. Extended codes keep them in the low byte. */
const SQLITE_PRIMARY = new Set([5, 6, 8, 10, 13, 14]);
const SQLITE_NAMES = /^SQLITE_(BUSY|LOCKED|READONLY|IOERR|FULL|CANTOPEN)/;
/**
 * PostgreSQL SQLSTATE: connection exceptions (08…), insufficient resources (53…), operator
 * intervention (57P01–57P05), read-only transaction (25006), and 55000, which a connection to a
 * database that does not accept connections (ALLOW_CONNECTIONS false) is refused with.
 */
const POSTGRES_STATE = /^(08|53|57P0[1-5]$|25006$|55000$)/;
/** node-postgres reports a dropped or unusable connection in words only. */
const PG_MESSAGES = /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended unexpectedly/i;

interface Layer {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  extendedCode?: unknown;
  message?: unknown;
  /** Set on node-postgres' DatabaseError (the server's report), whose `code` is then a SQLSTATE. */
  severity?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
}

function layers(error: unknown): Layer[] {
  const found: Layer[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && found.length < 10) {
    const next = queue.shift();
    if (!next || typeof next !== "object") continue;
    const layer = next as Layer;
    found.push(layer);
    queue.push(layer.cause, layer.meta?.driverAdapterError);
  }
  return found;
}

function layerIsUnavailable(layer: Layer): boolean {
  const codes = [layer.code, layer.originalCode].filter((c): c is string => typeof c === "string");
  if (codes.some((c) => PRISMA_CODES.has(c) || SOCKET_CODES.has(c) || SQLITE_NAMES.test(c))) return true;
  if (typeof layer.kind === "string" && ADAPTER_KINDS.has(layer.kind)) return true;
  // A SQLSTATE from the adapter (kind "postgres") or from node-postgres itself (raw reads, lib/server/db/db-read.ts).
  const fromPostgres = layer.kind === "postgres" || typeof layer.severity === "string";
  if (fromPostgres && codes.some((c) => POSTGRES_STATE.test(c))) return true;
  if (layer.kind === "sqlite" && typeof layer.extendedCode === "number" && SQLITE_PRIMARY.has(layer.extendedCode & 0xff)) return true;
  return typeof layer.message === "string" && PG_MESSAGES.test(layer.message);
}

/** True when `error` says the database is down, locked, read-only or out of connections. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (isAppError(error)) return error.code === "unavailable";
  return layers(error).some(layerIsUnavailable);
}

/** The error to throw on: `unavailable` for a database that is away, anything else unchanged. */
export function mapDatabaseError(error: unknown): unknown {
  if (isAppError(error) || !isDatabaseUnavailable(error)) return error;
  return new AppError("unavailable", "the database is unavailable, try again");
}
