import pino from "pino";
import { env } from "@/lib/server/env";

// Structured JSON logs. Message text, passwords and tokens are never logged.
export const logger = pino({
  level: env.logLevel,
  base: { pid: process.pid },
  redact: { paths: ["password", "*.password", "text", "*.text", "cookie", "*.cookie"], remove: true },
});
