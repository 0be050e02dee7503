// Two nodes (or two requests on PostgreSQL, where transactions run concurrently) can both check
// that a row is missing and both insert it; the loser gets a unique-constraint error. Running the
// whole check-then-insert again then finds the winner's row.
const UNIQUE_VIOLATION = "P2002";
const ATTEMPTS = 3;

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { kind?: unknown }; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  return e?.code === UNIQUE_VIOLATION || e?.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
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
