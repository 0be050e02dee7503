import type { z } from "zod";
import { AppError, isAppError } from "@/lib/shared/errors";
import { logger } from "@/lib/server/ops/logger";
import { ackLatency } from "@/lib/server/ops/metrics";
import type { Ack, AckCallback, AckError, ClientToServerEvents } from "@/lib/shared/protocol";
import { limitOf, takeToken } from "@/lib/server/rate-limit/event-limiter";
import { whenDrained } from "@/lib/server/realtime/backpressure";
import { allowPacket, refundPacket } from "@/lib/server/realtime/packet-flood";
import type { ChatSocket } from "@/lib/server/realtime/types";

type ResultOf<E extends keyof ClientToServerEvents> =
  Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;

/** A client event's handler: defined once for the server, called with the socket it came from. */
export interface EventHandler {
  event: keyof ClientToServerEvents;
  schema: z.ZodType;
  handle: (socket: ChatSocket, payload: never) => Promise<object>;
}

/** One client event: the payload is parsed with `schema`; the handler's result or error becomes the acknowledgement. */
export function onEvent<E extends keyof ClientToServerEvents, S extends z.ZodType>(
  event: E,
  schema: S,
  handle: (socket: ChatSocket, payload: z.output<S>) => Promise<ResultOf<E>>,
): EventHandler {
  return { event, schema, handle: handle as EventHandler["handle"] };
}

/**
 * The one listener every socket gets (`socket.onAny`, called with the socket as `this`): the
 * handlers are shared by all sockets instead of a dozen closures registered on each. Every packet
 * takes a token of the socket's packet bound first (lib/server/realtime/packet-flood.ts). An event sent
 * without an acknowledgement callback is ignored: its sender could never learn what happened to
 * it. One of no known name is answered `invalid`, so a client's mistake does not wait out a
 * timeout. Each event takes a token of the user's rate limit (lib/rate-limit): over it, the event
 * is answered `rate_limited` before its payload is even parsed, and that packet's token of the
 * packet bound is given back: a refusal is the server's own answer, not a flood, and a client
 * with a full outbox must not be disconnected for being told to wait.
 */
export function eventDispatcher(list: EventHandler[]): (this: ChatSocket, event: unknown, ...args: unknown[]) => void {
  const handlers = new Map<unknown, EventHandler>(list.map((handler) => [handler.event, handler]));
  return function dispatch(this: ChatSocket, event, ...args) {
    if (!allowPacket(this)) return;
    const handler = handlers.get(event);
    const ack = args.at(-1);
    if (typeof ack !== "function" || !this.connected) return;
    if (!handler) return void ack(failure(new AppError("invalid", `unknown event ${describeName(event)}`)));
    const payload = args.length > 1 ? args[0] : undefined;
    // A socket that does not read what it is sent gets no more answers until it drains (backpressure.ts).
    whenDrained(this, () =>
      respond(this, handler, payload, ack as (response: Ack<object>) => void).catch((error: unknown) =>
        logger.error({ err: error, event }, "event dispatch failed"),
      ),
    );
  };
}

async function respond(socket: ChatSocket, handler: EventHandler, payload: unknown, ack: (response: Ack<object>) => void): Promise<void> {
  const { event } = handler;
  const timer = ackLatency.startTimer({ event });
  const taken = takeToken(socket.data.user.id, event);
  const wait = typeof taken === "number" ? taken : await taken;
  if (wait > 0) refundPacket(socket);
  const response = wait > 0 ? rateLimited(event, wait) : await answer(socket, event, handler, payload);
  timer({ outcome: response.ok ? "ok" : response.error.code });
  ack(response);
}

async function answer(socket: ChatSocket, event: string, handler: EventHandler, payload: unknown): Promise<Ack<object>> {
  const parsed = handler.schema.safeParse(payload);
  if (!parsed.success) return failure(new AppError("invalid", describe(parsed.error)));
  try {
    return { ok: true, ...(await handler.handle(socket, parsed.data as never)) };
  } catch (error) {
    if (isAppError(error)) return failure(error);
    logger.error({ err: error, event }, "event handler failed");
    return failure(new AppError("internal", "something went wrong"));
  }
}

function failure(error: AppError): Ack<never> {
  const { retryAfterMs } = error;
  return { ok: false, error: { code: error.code, message: error.message, ...(retryAfterMs !== undefined && { retryAfterMs }) } };
}

function rateLimited(event: EventHandler["event"], retryAfterMs: number): AckError {
  const seconds = Math.ceil(retryAfterMs / 1000);
  const message = `too many ${event} requests, try again in ${seconds} s`;
  return { ok: false, error: { code: "rate_limited", message, retryAfterMs, ratePerSecond: limitOf(event).perSecond } };
}

// A client may name an event with anything (a 10 KB string, an object): the answer quotes a bounded, printable form.
function describeName(event: unknown): string {
  return JSON.stringify(typeof event === "string" ? event.slice(0, 64) : typeof event);
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ")
    .slice(0, 300);
}
