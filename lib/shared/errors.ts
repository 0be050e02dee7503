// The one error vocabulary of the product, shared by socket acks and HTTP responses.
export const errorCodes = [
  "invalid",
  "unauthorized",
  "forbidden",
  "not_found",
  "rate_limited",
  "unavailable",
  "internal",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const httpStatus: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  /** With `rate_limited`: how long until the same request would be accepted. */
  readonly retryAfterMs?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { retryAfterMs?: number },
  ) {
    super(message);
    this.name = "AppError";
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * By shape, not `instanceof`: Next bundles its own copy of this module, and an AppError thrown
 * by that copy (the database clients are shared through globalThis) reaches server.ts's handlers.
 */
export function isAppError(error: unknown): error is AppError {
  if (error instanceof AppError) return true;
  const e = error as { name?: unknown; code?: unknown } | null;
  return error instanceof Error && e?.name === "AppError" && (errorCodes as readonly unknown[]).includes(e.code);
}
