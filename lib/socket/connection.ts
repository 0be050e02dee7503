import { logger } from "@/lib/logger";
import { connectedSockets, reconnects, rejectedConnections } from "@/lib/ops/metrics";
import { env } from "@/lib/env";
import { handshakeReads } from "@/lib/socket/authenticate";
import { membershipsAdded } from "@/lib/socket/membership";
import { registerMemberListHandlers } from "@/lib/socket/member-list-handlers";
import { registerMessageChangeHandlers } from "@/lib/socket/message-change-handlers";
import { registerMessageHandlers } from "@/lib/socket/message-handlers";
import { limitPackets } from "@/lib/socket/packet-flood";
import { trackConnect, trackDisconnect } from "@/lib/socket/presence";
import { registerRoomHandlers } from "@/lib/socket/room-handlers";
import { rememberRoomId } from "@/lib/socket/room-ids";
import { registerRoomMembershipHandlers } from "@/lib/socket/room-membership-handlers";
import { loadSessionUser } from "@/lib/socket/session-loader";
import { registerTypingHandlers } from "@/lib/socket/typing-handlers";
import { channelOf, sessionChannelOf, userChannelOf, type ChatServer, type ChatSocket } from "@/lib/socket/types";

/**
 * Middleware, after authentication: subscribes the socket before any of its events can be
 * handled (Socket.IO undoes the joins if the connection is refused after all). A membership
 * added while this runs does not reach the socket (broadcasts skip sockets still in middleware):
 * `resubscribe` catches it once connected.
 */
export async function subscribeSocket(socket: ChatSocket, next: (error?: Error) => void): Promise<void> {
  try {
    const { user, sessionId } = socket.data;
    // authenticate read the rooms with the user, in one batched query: no second read here.
    const rooms = handshakeReads.get(socket)?.rooms ?? (await loadSessionUser(user.id))?.rooms ?? {};
    for (const [slug, id] of Object.entries(rooms)) rememberRoomId(slug, id);
    const channels = [userChannelOf(user.id), ...(sessionId ? [sessionChannelOf(sessionId)] : []), ...Object.keys(rooms).map(channelOf)];
    await socket.join(channels);
    next();
  } catch (error) {
    logger.error({ err: error }, "loading memberships failed");
    rejectedConnections.inc({ reason: "unavailable" });
    next(Object.assign(new Error("unavailable"), { data: { code: "unavailable", message: "try again" } }));
  }
}

/**
 * Joins the channels of memberships the handshake's read missed. Only a membership added after
 * that read began can be missing: with one process, only if welcomeMember ran since; with several,
 * it may have run on another node, so the rooms are read again.
 */
async function resubscribe(socket: ChatSocket): Promise<void> {
  const read = handshakeReads.get(socket);
  handshakeReads.delete(socket);
  if (!env.redisUrl && read && read.membershipsAdded === membershipsAdded()) return;
  const rooms = (await loadSessionUser(socket.data.user.id))?.rooms ?? {};
  const missing = Object.keys(rooms).filter((slug) => !socket.rooms.has(channelOf(slug)));
  for (const slug of missing) rememberRoomId(slug, rooms[slug]!);
  if (missing.length > 0) await socket.join(missing.map(channelOf));
}

/** A subscribed socket is connected: listen to it and count it online. */
export function onConnection(io: ChatServer, socket: ChatSocket): void {
  limitPackets(socket);
  registerRoomHandlers(io, socket);
  registerRoomMembershipHandlers(io, socket);
  registerMessageHandlers(io, socket);
  registerMessageChangeHandlers(io, socket);
  registerMemberListHandlers(socket);
  registerTypingHandlers(socket);
  const presenceFailed = (error: unknown) => logger.warn({ err: error }, "presence update failed");
  trackConnect(io, socket).catch(presenceFailed);
  resubscribe(socket).catch((error) => logger.warn({ err: error }, "resubscribing failed"));
  connectedSockets.inc();
  if ((socket.handshake.auth as { reconnect?: unknown } | undefined)?.reconnect === true) reconnects.inc();
  socket.on("disconnecting", () => void trackDisconnect(io, socket).catch(presenceFailed));
  socket.on("disconnect", () => connectedSockets.dec());
  logger.debug({ user: socket.data.user.id, socket: socket.id }, "socket connected");
}
