import { logger } from "@/lib/server/ops/logger";
import { connectedSockets, reconnects, rejectedConnections } from "@/lib/server/ops/metrics";
import { env } from "@/lib/server/env";
import { handshakeReads } from "@/lib/server/realtime/authenticate";
import { watchBackpressure } from "@/lib/server/realtime/backpressure";
import { membershipsAdded } from "@/lib/server/realtime/membership";
import { chatHandlers, handlerDependencies } from "@/lib/server/realtime/handlers";
import { eventDispatcher, type EventHandler } from "@/lib/server/realtime/on-event";
import { watchLiveness } from "@/lib/server/realtime/liveness";
import { trackConnect, trackDisconnect } from "@/lib/server/presence/presence";
import { rememberRoomId } from "@/lib/server/rooms/room-ids";
import { loadSessionUser } from "@/lib/server/realtime/session-loader";
import { channelOf, sessionChannelOf, userChannelOf, type ChatServer, type ChatSocket } from "@/lib/server/realtime/types";

/**
 * Middleware, after authentication: subscribes the socket before any of its events can be
 * handled (Socket.IO undoes the joins if the connection is refused after all). A membership
 * added while this runs does not reach the socket (broadcasts skip sockets still in middleware):
 * `resubscribe` catches it once connected.
 */
export function subscribeSocket(socket: ChatSocket, next: (error?: Error) => void): void {
  // authenticate read the rooms with the user, in one batched query: no second read here.
  const rooms = handshakeReads.get(socket)?.rooms;
  if (rooms) return joinChannels(socket, rooms, next);
  loadSessionUser(socket.data.user.id).then(
    (found) => joinChannels(socket, found?.rooms ?? {}, next),
    (error: unknown) => refuse(next, error),
  );
}

function joinChannels(socket: ChatSocket, rooms: Record<string, number>, next: (error?: Error) => void): void {
  const { user, sessionId } = socket.data;
  const channels = [userChannelOf(user.id)];
  if (sessionId) channels.push(sessionChannelOf(sessionId));
  for (const slug in rooms) {
    rememberRoomId(slug, rooms[slug]!);
    channels.push(channelOf(slug));
  }
  // The in-memory and Redis adapters join at once, so capSockets (next) counts this socket in
  // its user's channel in the same turn (see socket-cap.ts). An adapter that joins later is awaited.
  let joined: unknown;
  try {
    joined = socket.join(channels);
  } catch (error) {
    return refuse(next, error);
  }
  if (joined instanceof Promise) joined.then(() => next(), (error: unknown) => refuse(next, error));
  else next();
}

function refuse(next: (error?: Error) => void, error: unknown): void {
  logger.error({ err: error }, "loading memberships failed");
  rejectedConnections.inc({ reason: "unavailable" });
  next(Object.assign(new Error("unavailable"), { data: { code: "unavailable", message: "try again" } }));
}

/**
 * Joins the channels of memberships the handshake's read missed. Only a membership added after
 * that read began can be missing: with one process, only if welcomeMember ran since; with several,
 * it may have run on another node, so the rooms are read again.
 */
function resubscribe(socket: ChatSocket): void {
  const read = handshakeReads.get(socket);
  handshakeReads.delete(socket);
  if (!env.redisUrl && read && read.membershipsAdded === membershipsAdded()) return;
  rereadRooms(socket).catch((error: unknown) => logger.warn({ err: error }, "resubscribing failed"));
}

async function rereadRooms(socket: ChatSocket): Promise<void> {
  const rooms = (await loadSessionUser(socket.data.user.id))?.rooms ?? {};
  const missing = Object.keys(rooms).filter((slug) => !socket.rooms.has(channelOf(slug)));
  for (const slug of missing) rememberRoomId(slug, rooms[slug]!);
  if (missing.length > 0) await socket.join(missing.map(channelOf));
}

const presenceFailed = (error: unknown) => logger.warn({ err: error }, "presence update failed");

/**
 * The `connection` listener: a subscribed socket is connected; listen to it and count it online.
 * Everything it gets is made once per server and shared: one event dispatcher, two listeners.
 * `handlers` are the wired ones of lib/server/realtime/handlers.ts unless a caller made its own.
 */
export function connectionHandler(io: ChatServer, handlers: EventHandler[] = chatHandlers(handlerDependencies(io))): (socket: ChatSocket) => void {
  const dispatch = eventDispatcher(handlers);
  function onDisconnecting(this: ChatSocket): void {
    trackDisconnect(io, this).catch(presenceFailed);
  }
  const onDisconnect = () => connectedSockets.dec();
  return (socket) => {
    watchBackpressure(socket);
    watchLiveness(socket);
    socket.onAny(dispatch);
    trackConnect(io, socket).catch(presenceFailed);
    resubscribe(socket);
    connectedSockets.inc();
    if ((socket.handshake.auth as { reconnect?: unknown } | undefined)?.reconnect === true) reconnects.inc();
    socket.on("disconnecting", onDisconnecting);
    socket.on("disconnect", onDisconnect);
    logger.debug({ user: socket.data.user.id, socket: socket.id }, "socket connected");
  };
}
