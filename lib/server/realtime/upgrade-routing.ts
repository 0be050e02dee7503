import type { IncomingMessage, Server as HttpServer } from "node:http";
import type { Duplex } from "node:stream";
import { hasPathTarget } from "@/lib/server/ops/request-target";

/**
 * Next (16.4) adds its own `upgrade` listener on its first request to the server named by
 * `next({ httpServer })`, or else to the request's own server, and resolves its routes for every
 * upgrade it sees (Socket.IO's too: most of a connection's CPU outside Socket.IO). Its documented
 * `getUpgradeHandler()` does nothing there (NextNodeServer.handleUpgrade is empty); HMR in dev is
 * served by that listener alone. So server.ts gives Next a server of its own that never listens,
 * and this passes it the upgrades that are Next's: neither Socket.IO's path (engine.io's
 * listener takes those) nor a target that is not a path (`refuseNonPathUpgrade` answers it).
 */
export function routeUpgrades(httpServer: HttpServer, socketPath: string, nextServer: HttpServer): void {
  const prefix = `${socketPath.replace(/\/$/, "")}/`;
  httpServer.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!hasPathTarget(req) || req.url?.startsWith(prefix)) return;
    nextServer.emit("upgrade", req, socket, head);
  });
}
