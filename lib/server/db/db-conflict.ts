// Two nodes (or two requests on PostgreSQL, where transactions run concurrently) can both check
// that a row is missing and both insert it; the loser gets a unique-constraint error. Running the
// whole check-then-insert again then finds the winner's row.
const ATTEMPTS = 3;
/** better-sqlite3's codes for a UNIQUE or PRIMARY KEY constraint; PostgreSQL's SQLSTATE unique_violation. */
const UNIQUE_CODES = new Set(["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY", "23505"]);

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } } | null;
  // Prisma's shapes (P2002) go with the last Prisma query.
  return UNIQUE_CODES.has(e?.code as string) || e?.code === "P2002" || e?.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}

export async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isUniqueViolation(error)) throw error;
    }
  }
}
