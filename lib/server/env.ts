import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
// Relative: prisma.config.ts loads this file without the @/ alias.
import { MIN_SECRET_LENGTH, secretWeakness } from "./auth/secret-strength";

// The one place that reads process.env. Everything else imports `env`.
const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  );

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default("data"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL")
    .optional(),
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  PRESENCE_TTL_MS: z.coerce.number().int().min(3000).max(600_000).default(45_000),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/).default("chat:"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "REDIS_URL must be a redis:// or rediss:// URL").optional(),
  NEXTAUTH_URL: z.url().optional(),
  NEXTAUTH_SECRET: z.string().min(MIN_SECRET_LENGTH, `NEXTAUTH_SECRET must be at least ${MIN_SECRET_LENGTH} characters`).optional(),
  ALLOWED_ORIGINS: csv.pipe(z.array(z.url())),
  SEED_USERS: z.string().optional(),
  SOCKET_TRANSPORTS: csv.pipe(z.array(z.enum(["polling", "websocket"]))),
  SOCKET_PING_INTERVAL_MS: z.coerce.number().int().min(1000).max(300_000).default(25_000),
  SOCKET_PING_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(20_000),
  // A socket whose outgoing backlog stays over its bound this long is disconnected (lib/server/realtime/backpressure.ts).
  SOCKET_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(200).max(600_000).default(30_000),
  SESSION_CHECK_INTERVAL_MS: z.coerce.number().int().min(200).max(60_000).default(2_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ...abuseSettings(),
});

/** Rate limits, socket cap and login throttling (docs/security-abuse.md). */
function abuseSettings() {
  const count = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);
  return {
    // `event=perSecond/burst` pairs, comma-separated, overriding lib/server/rate-limit/limits.ts.
    RATE_LIMITS: z
      .string()
      .regex(/^\s*([a-z:]+=\d+(\.\d+)?\/\d+\s*(,\s*|$))*$/, "RATE_LIMITS is event=perSecond/burst,...")
      .default(""),
    // Multiplies every rate and burst: raise for load tests, never below 1 in production.
    RATE_LIMIT_FACTOR: z.coerce.number().positive().max(1_000_000).default(1),
    SOCKETS_PER_USER: count(20),
    LOGIN_FAILURES_PER_USER: count(5),
    LOGIN_FAILURES_PER_ADDRESS: count(50),
    LOGIN_LOCKOUT_MAX_MS: z.coerce.number().int().min(1000).max(3_600_000).default(300_000),
    LOGIN_ATTEMPTS_PER_MINUTE: count(30),
    TRUST_PROXY: z.enum(["true", "false", "1", "0"]).default("false").transform((v) => v === "true" || v === "1"),
  };
}

function parseEnv() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  const raw = parsed.data;
  const weakness = raw.NODE_ENV === "production" && raw.NEXTAUTH_SECRET ? secretWeakness(raw.NEXTAUTH_SECRET) : null;
  if (weakness) {
    throw new Error(
      `Invalid environment:\n  NEXTAUTH_SECRET: too weak for production, ${weakness}. ` +
        "Set a random one (openssl rand -base64 32), or unset it to use the generated data/session-secret.",
    );
  }
  const dataDir = path.resolve(raw.DATA_DIR);
  const appUrl = raw.NEXTAUTH_URL ?? `http://localhost:${raw.PORT}`;
  const databaseUrl = raw.DATABASE_URL ?? `file:${path.join(dataDir, "chat.db")}`;
  return {
    nodeEnv: raw.NODE_ENV,
    isProduction: raw.NODE_ENV === "production",
    host: raw.HOST,
    port: raw.PORT,
    dataDir,
    databaseUrl,
    databaseProvider: databaseUrl.startsWith("file:") ? ("sqlite" as const) : ("postgresql" as const),
    databasePoolSize: raw.DATABASE_POOL_SIZE,
    redisUrl: raw.REDIS_URL,
    redisPrefix: raw.REDIS_PREFIX,
    metricsToken: raw.METRICS_TOKEN,
    // How long a socket counts as online in Redis without its node confirming it (node death).
    presenceTtlMs: raw.PRESENCE_TTL_MS,
    appUrl,
    secureCookies: appUrl.startsWith("https://"),
    // The app's own origin is always allowed; ALLOWED_ORIGINS adds others (e.g. a public host name).
    allowedOrigins: [new URL(appUrl).origin, ...raw.ALLOWED_ORIGINS.map((o) => new URL(o).origin)],
    explicitSecret: raw.NEXTAUTH_SECRET,
    seedUsers: raw.SEED_USERS,
    logLevel: raw.LOG_LEVEL,
    // A connection that dies silently is noticed within pingInterval + pingTimeout.
    // Behind a load balancer without sticky sessions, "websocket" alone (long-polling needs stickiness).
    socketTransports: raw.SOCKET_TRANSPORTS.length ? raw.SOCKET_TRANSPORTS : (["polling", "websocket"] as ("polling" | "websocket")[]),
    pingIntervalMs: raw.SOCKET_PING_INTERVAL_MS,
    pingTimeoutMs: raw.SOCKET_PING_TIMEOUT_MS,
    socketDrainTimeoutMs: raw.SOCKET_DRAIN_TIMEOUT_MS,
    rateLimits: raw.RATE_LIMITS,
    rateLimitFactor: raw.RATE_LIMIT_FACTOR,
    socketsPerUser: raw.SOCKETS_PER_USER,
    loginFailuresPerUser: raw.LOGIN_FAILURES_PER_USER,
    loginFailuresPerAddress: raw.LOGIN_FAILURES_PER_ADDRESS,
    loginLockoutMaxMs: raw.LOGIN_LOCKOUT_MAX_MS,
    // Sign-ins checked per address group per minute, right or wrong (each costs a password hash).
    loginAttemptsPerMinute: raw.LOGIN_ATTEMPTS_PER_MINUTE,
    // Behind a reverse proxy, the client's address is the last X-Forwarded-For entry (the proxy's own view).
    trustProxy: raw.TRUST_PROXY,
    // Sockets of a disabled, removed or reset user close within this (plus one query).
    sessionCheckIntervalMs: raw.SESSION_CHECK_INTERVAL_MS,
  };
}

export type Env = ReturnType<typeof parseEnv>;

export const env: Env = parseEnv();

// NextAuth reads its canonical URL from the environment itself.
process.env.NEXTAUTH_URL = env.appUrl;

let cachedSecret: string | undefined;

/**
 * The secret that signs session tokens: NEXTAUTH_SECRET, or one generated on first use and kept
 * in the data folder so sessions survive restarts and every process on this machine agrees.
 */
export function sessionSecret(): string {
  cachedSecret ??= env.explicitSecret ?? readOrCreateSecret(path.join(env.dataDir, "session-secret"));
  return cachedSecret;
}

function readOrCreateSecret(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}
