import { listMemberRoomIds } from "@/lib/data/room-summaries";
import { logger } from "@/lib/logger";
import { registerMessageHandlers } from "@/lib/socket/message-handlers";
import { trackConnect, trackDisconnect } from "@/lib/socket/presence";
import { registerRoomHandlers } from "@/lib/socket/room-handlers";
import { rememberRoomId } from "@/lib/socket/room-ids";
import { registerRoomMembershipHandlers } from "@/lib/socket/room-membership-handlers";
import { registerTypingHandlers } from "@/lib/socket/typing-handlers";
import { channelOf, sessionChannelOf, userChannelOf, type ChatServer, type ChatSocket } from "@/lib/socket/types";

const memberRooms = new WeakMap<ChatSocket, Record<string, number>>();

/** Middleware, after authentication: loads the rooms the socket will be subscribed to. */
export async function loadMemberships(socket: ChatSocket, next: (error?: Error) => void): Promise<void> {
  try {
    memberRooms.set(socket, await listMemberRoomIds({ userId: socket.data.user.id }));
    next();
  } catch (error) {
    logger.error({ err: error }, "loading memberships failed");
    next(Object.assign(new Error("unavailable"), { data: { code: "unavailable", message: "try again" } }));
  }
}

/** A socket is connected: subscribe it (synchronously, before any of its events is handled) and listen. */
export function onConnection(io: ChatServer, socket: ChatSocket): void {
  const rooms = memberRooms.get(socket) ?? {};
  memberRooms.delete(socket);
  for (const [slug, id] of Object.entries(rooms)) rememberRoomId(slug, id);
  const { user, sessionId } = socket.data;
  const personal = [userChannelOf(user.id), ...(sessionId ? [sessionChannelOf(sessionId)] : [])];
  void socket.join([...personal, ...Object.keys(rooms).map(channelOf)]);
  registerRoomHandlers(io, socket);
  registerRoomMembershipHandlers(io, socket);
  registerMessageHandlers(io, socket);
  registerTypingHandlers(socket);
  trackConnect(io, socket);
  socket.on("disconnecting", () => trackDisconnect(io, socket));
  logger.debug({ user: socket.data.user.id, socket: socket.id, rooms: Object.keys(rooms).length }, "socket connected");
}
