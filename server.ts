import { createServer } from "node:http";
import next from "next";
import { stampClientAddress } from "@/lib/server/ops/client-address";
import { drainSends } from "@/lib/server/messages/send-message";
import { disconnectDb } from "@/lib/server/db/database";
import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/ops/logger";
import { closeRedis } from "@/lib/server/db/redis";
import { handleOpsRoute, isOpsRoute, markStopping } from "@/lib/server/ops/ops-routes";
import { answerNonPathTarget, refuseNonPathUpgrade } from "@/lib/server/ops/request-target";
import { setApiSecurityHeaders } from "@/lib/server/ops/security-headers";
import { startSocketServer } from "@/lib/server/realtime/socket-server";
import { routeUpgrades } from "@/lib/server/realtime/upgrade-routing";

const SHUTDOWN_GRACE_MS = 10_000;

// Next adds its upgrade listener (HMR in dev) to `httpServer` on its first request: a server of
// its own, which never listens and sees only the upgrades routeUpgrades passes it.
const nextUpgrades = createServer();
const app = next({ dev: !env.isProduction, hostname: env.host, port: env.port, httpServer: nextUpgrades });
await app.prepare();
const handle = app.getRequestHandler();

const httpServer = createServer((req, res) => {
  // `OPTIONS *`, absolute-form and the like: answered here, Next would fail on them.
  if (answerNonPathTarget(req, res)) return;
  stampClientAddress(req);
  // Next's responses get theirs from proxy.ts.
  if (isOpsRoute(req)) setApiSecurityHeaders(res, env.secureCookies);
  if (!handleOpsRoute(req, res)) void handle(req, res);
});
httpServer.on("upgrade", refuseNonPathUpgrade);
// engine.io takes /socket.io/; Next gets the other upgrades (HMR in dev).
const sockets = await startSocketServer(httpServer);
routeUpgrades(httpServer, sockets.io.path(), nextUpgrades);

httpServer.listen(env.port, env.host, () => {
  logger.info({ url: env.appUrl, port: env.port, mode: env.nodeEnv }, "chat server listening");
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  const started = Date.now();
  logger.info({ signal }, "shutting down");
  setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
  markStopping();
  // Closing Socket.IO disconnects every client (they reconnect elsewhere) and the HTTP server.
  // Sends already accepted are committed before the database closes; their senders retry
  // with the same clientId if the ack did not reach them, and get the stored message back.
  // Redis closes last: sends committed during the drain still reach the other nodes' clients.
  await sockets.close();
  await drainSends();
  await disconnectDb();
  await closeRedis();
  logger.info({ signal, ms: Date.now() - started }, "shut down cleanly");
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
