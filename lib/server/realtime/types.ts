import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "@/lib/shared/protocol";

export type ChatServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const ROOM_PREFIX = "room:";

/** The Socket.IO room that carries a chat room's broadcasts; its sockets are the members'. */
export const channelOf = (slug: string) => `${ROOM_PREFIX}${slug}`;

/** The Socket.IO room of all of one user's sockets (tabs and devices). */
export const userChannelOf = (userId: number) => `user:${userId}`;

/** The Socket.IO room of the sockets opened with one browser session (all its tabs). */
export const sessionChannelOf = (sessionId: string) => `session:${sessionId}`;

/** The chat rooms a socket is subscribed to. */
export function subscribedRooms(socket: ChatSocket): string[] {
  return [...socket.rooms].filter((r) => r.startsWith(ROOM_PREFIX)).map((r) => r.slice(ROOM_PREFIX.length));
}
