import type { Socket as TcpSocket } from "node:net";
import { logger } from "@/lib/server/ops/logger";
import { slowSocketDisconnects } from "@/lib/server/ops/metrics";
import type { ChatSocket } from "@/lib/server/realtime/types";

export type CutReason = "backlog_limit" | "drain_timeout" | "held_limit" | "ping_timeout";

/**
 * Closes the connection of a client that does not read (or does not answer the server's pings)
 * at once, dropping whatever waits for it. A graceful close would queue a disconnect packet behind
 * the backlog, or wait for a WebSocket closing handshake the client never reads, keeping the
 * memory held. The client sees its transport close, reconnects and catches up by `seq`.
 */
export function cutConnection(socket: ChatSocket, reason: CutReason, tcp: TcpSocket | null): void {
  const conn = socket.conn;
  if (conn.readyState === "closed") return;
  logger.info({ user: socket.data.user.id, socket: socket.id, reason }, "socket disconnected");
  slowSocketDisconnects.inc({ reason });
  if (tcp) tcp.destroy();
  else conn.close(true);
}
