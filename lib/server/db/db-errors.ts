import { AppError, isAppError } from "@/lib/shared/errors";

// Tells "the database cannot be reached or written right now" (a clean `unavailable`: the client
// retries later, nothing was stored) from a bug (`internal`). Errors come from the drivers under
// Kysely: better-sqlite3's (SQLITE_*), node-postgres' (SQLSTATE on the server's report, words for
// a dropped connection) and the socket's (E*), possibly wrapped, so every layer of cause is looked at.
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH"]);
const SQLITE_NAMES = /^SQLITE_(BUSY|LOCKED|READONLY|IOERR|FULL|CANTOPEN)/;
/**
 * PostgreSQL SQLSTATE: connection exceptions (08…), insufficient resources (53…), operator
 * intervention (57P01–57P05), read-only transaction (25006), and 55000, which a connection to a
 * database that does not accept connections (ALLOW_CONNECTIONS false) is refused with.
 */
const POSTGRES_STATE = /^(08|53|57P0[1-5]$|25006$|55000$)/;
/**
 * node-postgres reports a dropped or unusable connection in words only, and better-sqlite3 a
 * database folder that is gone (a TypeError, no code).
 */
const UNAVAILABLE_MESSAGES = /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended unexpectedly|Cannot open database because the directory does not exist/i;

interface Layer {
  code?: unknown;
  message?: unknown;
  /** Set on node-postgres' DatabaseError (the server's report), whose `code` is then a SQLSTATE. */
  severity?: unknown;
  cause?: unknown;
}

function layers(error: unknown): Layer[] {
  const found: Layer[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && found.length < 10) {
    const next = queue.shift();
    if (!next || typeof next !== "object") continue;
    const layer = next as Layer;
    found.push(layer);
    queue.push(layer.cause);
  }
  return found;
}

function layerIsUnavailable(layer: Layer): boolean {
  const code = typeof layer.code === "string" ? layer.code : "";
  if (SOCKET_CODES.has(code) || SQLITE_NAMES.test(code)) return true;
  // A SQLSTATE only where node-postgres reports the server's error (it then has a severity).
  if (typeof layer.severity === "string" && POSTGRES_STATE.test(code)) return true;
  return typeof layer.message === "string" && UNAVAILABLE_MESSAGES.test(layer.message);
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
