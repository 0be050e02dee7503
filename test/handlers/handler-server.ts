import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { ChatServer } from "@/lib/server/realtime/types";
import { connect, type TestSocket } from "../helpers/client";
// Aliased: not a React hook, whatever its name says.
import { useInProcessDatabase as inProcessDatabase } from "../helpers/in-process-db";

export interface HandlerServer {
  url: string;
  /** A socket of `username` (a seeded user: alice, bob, carol), connected and subscribed to its rooms. */
  connectAs(username: string): Promise<TestSocket>;
  stop(): Promise<void>;
}

/**
 * The socket handlers in this process, as the chat server wires them (lib/server/realtime/handlers.ts),
 * on a real Socket.IO server on an ephemeral port and a fresh copy of the test database: no Next,
 * no build. The handshake is the test's: the client names its user (`auth.username`), which the
 * real server proves with a session cookie (tested in test/integration/connection.test.ts).
 * `env` is set before any server module reads the environment (e.g. `RATE_LIMITS`).
 */
export async function startHandlerServer(prefix: string, env: Record<string, string> = {}): Promise<HandlerServer> {
  const database = await inProcessDatabase(prefix);
  Object.assign(process.env, env);
  const { Server } = await import("socket.io");
  const { connectionHandler, subscribeSocket } = await import("@/lib/server/realtime/connection");
  const { findUserByUsername } = await import("@/lib/server/users/users");
  const { disconnectDb } = await import("@/lib/server/db/database");
  const httpServer = createServer();
  const io: ChatServer = new Server(httpServer, { serveClient: false });
  io.use((socket, next) => {
    const username = String((socket.handshake.auth as { username?: unknown }).username);
    findUserByUsername({ username }).then((user) => {
      if (!user) return next(new Error(`no user ${username}`));
      socket.data = { user, sessionId: null, sessionVersion: 0, membershipVersion: 0 };
      next();
    }, next);
  });
  io.use(subscribeSocket);
  io.on("connection", connectionHandler(io));
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const sockets: TestSocket[] = [];
  return {
    url,
    async connectAs(username) {
      const socket = await connect(url, { auth: { username } });
      sockets.push(socket);
      return socket;
    },
    async stop() {
      for (const socket of sockets) socket.close();
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await disconnectDb();
      await database.remove();
    },
  };
}
