import { listRoomSummaries } from "@/lib/server/rooms/room-summaries";
import { listSessionUsers, type SessionUser, type UserVersions } from "@/lib/server/users/session-users";
import { changedSince, membershipChanges, unsubscribe } from "@/lib/server/realtime/membership";
import { rememberRoomId } from "@/lib/server/rooms/room-ids";
import { channelOf, subscribedRooms, type ChatSocket } from "@/lib/server/realtime/types";

// Room channels are joined and left through the adapter, which drops what it cannot deliver while
// Redis is away: a node may keep a socket in a room its user left on another node, or miss one
// they joined. The session sweep (session-revocation.ts) brings them back in line with the
// database: every user's membershipVersion is read with their sessionVersion (no extra query),
// and only the rooms of users whose version moved since their socket last saw it are read again.

/**
 * Leaves the channels of rooms the database no longer gives these sockets' users (with
 * `room:removed`) and joins those it gives and they lack (with `room:added`). `all`: every socket,
 * whatever its version (when Redis returns). Returns how many channels changed.
 */
export async function reconcileRooms(sockets: ChatSocket[], versions: ReadonlyMap<number, UserVersions>, all = false): Promise<number> {
  const stale = sockets.filter((s) => all || versions.get(s.data.user.id)?.membership !== s.data.membershipVersion);
  if (stale.length === 0) return 0;
  const mark = membershipChanges();
  const users = await listSessionUsers({ ids: [...new Set(stale.map((s) => s.data.user.id))] });
  let changed = 0;
  for (const socket of stale) {
    const found = users.get(socket.data.user.id);
    // A change this node made meanwhile may be newer than the read: the next sweep sees to it.
    if (!found || !socket.connected || changedSince(found.user.id, mark)) continue;
    changed += await reconcileSocket(socket, found);
  }
  return changed;
}

async function reconcileSocket(socket: ChatSocket, found: SessionUser): Promise<number> {
  socket.data.membershipVersion = found.membershipVersion;
  const subscribed = new Set(subscribedRooms(socket));
  const gone = [...subscribed].filter((slug) => found.rooms[slug] === undefined);
  const missing = Object.keys(found.rooms).filter((slug) => !subscribed.has(slug));
  for (const slug of gone) await unsubscribe(socket, slug);
  if (missing.length === 0) return gone.length;
  for (const slug of missing) rememberRoomId(slug, found.rooms[slug]!);
  await socket.join(missing.map(channelOf));
  const wanted = new Set(missing);
  for (const summary of await listRoomSummaries({ userId: found.user.id })) {
    if (wanted.has(summary.slug)) socket.emit("room:added", summary);
  }
  return gone.length + missing.length;
}
