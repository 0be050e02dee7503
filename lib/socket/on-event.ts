import type { z } from "zod";
import { AppError, isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { ackLatency } from "@/lib/ops/metrics";
import type { Ack, AckCallback, AckError, ClientToServerEvents } from "@/lib/protocol";
import { takeToken } from "@/lib/rate-limit/event-limiter";
import type { ChatSocket } from "@/lib/socket/types";

type ResultOf<E extends keyof ClientToServerEvents> =
  Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;

/**
 * Registers a client event: the payload is parsed with `schema`, the handler's result or error
 * becomes the acknowledgement. An event sent without an acknowledgement callback is ignored,
 * since its sender could never learn what happened to it. Each event takes a token of the
 * user's rate limit first (lib/rate-limit): over it, the event is answered `rate_limited`
 * before its payload is even parsed.
 */
export function onEvent<E extends keyof ClientToServerEvents, S extends z.ZodType>(
  socket: ChatSocket,
  event: E,
  schema: S,
  handler: (payload: z.output<S>) => Promise<ResultOf<E>>,
): void {
  const listener = async (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== "function") return;
    const payload = args.length > 1 ? args[0] : undefined;
    const timer = ackLatency.startTimer({ event });
    const taken = takeToken(socket.data.user.id, event);
    const wait = typeof taken === "number" ? taken : await taken;
    const response = wait > 0 ? rateLimited(event, wait) : await answer(event, schema, payload, handler);
    timer({ outcome: response.ok ? "ok" : response.error.code });
    ack(response);
  };
  socket.on(event, listener as never);
}

async function answer<T extends object, S extends z.ZodType>(
  event: string,
  schema: S,
  payload: unknown,
  handler: (payload: z.output<S>) => Promise<T>,
): Promise<Ack<T>> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) return failure(new AppError("invalid", describe(parsed.error)));
  try {
    return { ok: true, ...(await handler(parsed.data)) };
  } catch (error) {
    if (isAppError(error)) return failure(error);
    logger.error({ err: error, event }, "event handler failed");
    return failure(new AppError("internal", "something went wrong"));
  }
}

function failure(error: AppError): Ack<never> {
  return { ok: false, error: { code: error.code, message: error.message } };
}

function rateLimited(event: string, retryAfterMs: number): AckError {
  const seconds = Math.ceil(retryAfterMs / 1000);
  const message = `too many ${event} requests, try again in ${seconds} s`;
  return { ok: false, error: { code: "rate_limited", message, retryAfterMs } };
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ")
    .slice(0, 300);
}
