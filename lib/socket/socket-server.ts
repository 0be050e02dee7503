import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { logger } from "@/lib/logger";
import { authenticate } from "@/lib/socket/authenticate";
import { registerMessageHandlers } from "@/lib/socket/message-handlers";
import { registerRoomHandlers } from "@/lib/socket/room-handlers";
import type { ChatServer } from "@/lib/socket/types";

/** Frames above this are refused by Socket.IO itself; the largest valid payload is ~16 KB. */
const MAX_FRAME_BYTES = 64 * 1024;

export function attachSocketServer(httpServer: HttpServer): ChatServer {
  const io: ChatServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_FRAME_BYTES,
  });
  io.use((socket, next) => void authenticate(socket, next));
  io.on("connection", (socket) => {
    logger.debug({ user: socket.data.user.id, socket: socket.id }, "socket connected");
    registerRoomHandlers(socket);
    registerMessageHandlers(io, socket);
  });
  return io;
}
