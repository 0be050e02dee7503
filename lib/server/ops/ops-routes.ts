import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sql } from "kysely";
import { reader, writeTransaction } from "@/lib/server/db/database";
import { env } from "@/lib/server/env";
import { httpStatus, type ErrorCode } from "@/lib/shared/errors";
import { registry } from "@/lib/server/ops/metrics";
import { redisClient } from "@/lib/server/db/redis";

// Operator endpoints, answered before Next sees the request: cheap, and alive even when the app
// is not. /api/health: the process runs. /api/ready: it can serve (database, Redis). /metrics:
// Prometheus, behind METRICS_TOKEN or, without one, for loopback callers only.

const CHECK_TIMEOUT_MS = 2_000;
let stopping = false;
let writeProbe: Promise<"ok" | "failing"> | null = null;

/** From now on /api/ready answers 503, so load balancers send no new clients here. */
export function markStopping(): void {
  stopping = true;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

function fail(res: ServerResponse, code: ErrorCode, message: string): void {
  json(res, httpStatus[code], { error: { code, message } });
}

async function check(probe: () => Promise<unknown>): Promise<"ok" | "failing"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), CHECK_TIMEOUT_MS)));
  try {
    await Promise.race([probe(), timeout]);
    return "ok";
  } catch {
    return "failing";
  } finally {
    clearTimeout(timer);
  }
}

/**
 * On SQLite, whether the write lock can be taken: another process holding it (a backup, a CLI)
 * leaves reads working while every send waits out busy_timeout (5 s) and fails. Not under the
 * 2 s timeout, since that wait is the answer; one probe at a time, later callers share it.
 * PostgreSQL's reads and writes fail together, so the read says it all there.
 */
async function canWrite(): Promise<"ok" | "failing"> {
  if (env.databaseProvider !== "sqlite") return "ok";
  writeProbe ??= writeTransaction((tx) => sql`UPDATE "Room" SET "id" = "id" WHERE 0`.execute(tx)).then(
    () => "ok" as const,
    () => "failing" as const,
  );
  const outcome = await writeProbe;
  writeProbe = null;
  return outcome;
}

async function ready(res: ServerResponse): Promise<void> {
  const redis = redisClient();
  const [read, cache] = await Promise.all([
    check(async () => sql`SELECT 1`.execute(await reader())),
    // A disconnected client queues commands until it is back: answer at once instead.
    redis ? check(() => (redis.isReady ? redis.ping() : Promise.reject(new Error("down")))) : Promise.resolve("not configured" as const),
  ]);
  const database = read === "ok" ? await canWrite() : read;
  const ok = !stopping && database === "ok" && cache !== "failing";
  json(res, ok ? 200 : 503, { status: stopping ? "stopping" : ok ? "ready" : "unavailable", checks: { database, redis: cache } });
}

function metricsAllowed(req: IncomingMessage): boolean {
  if (env.metricsToken) {
    const given = Buffer.from(req.headers.authorization ?? "");
    const expected = Buffer.from(`Bearer ${env.metricsToken}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  const address = req.socket.remoteAddress ?? "";
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

async function metrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!metricsAllowed(req)) return fail(res, env.metricsToken ? "unauthorized" : "forbidden", "metrics need METRICS_TOKEN, or a loopback caller");
  res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
  res.end(await registry.metrics());
}

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void | Promise<void>> = {
  "/api/health": (_req, res) => json(res, 200, { status: "ok" }),
  "/api/ready": (_req, res) => ready(res),
  "/metrics": metrics,
};

/** Whether the request is for an operator endpoint (answered here, not by Next). */
export function isOpsRoute(req: IncomingMessage): boolean {
  return (req.url ?? "/").split("?")[0]! in routes;
}

/** Answers an operator endpoint and returns true, or returns false for Next to handle. */
export function handleOpsRoute(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "/").split("?")[0]!;
  const route = routes[path];
  if (!route) return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    fail(res, "invalid", "method not allowed");
    return true;
  }
  Promise.resolve(route(req, res)).catch(() => fail(res, "internal", "something went wrong"));
  return true;
}
