import { findMembership } from "@/lib/data/members";
import { AppError } from "@/lib/errors";
import { isSubscribed, subscribe } from "@/lib/socket/membership";
import { roomIdOf } from "@/lib/socket/room-ids";
import type { ChatSocket } from "@/lib/socket/types";

/**
 * The room `slug` if this socket's user is a member; forbidden otherwise. The subscription is
 * the fast answer; a member whose socket missed a subscription (it raced a join) is subscribed now.
 */
export async function joinedRoom(socket: ChatSocket, slug: string): Promise<{ id: number; slug: string }> {
  const id = await roomIdOf(slug);
  if (id !== null && isSubscribed(socket, slug)) return { id, slug };
  if (id !== null && (await findMembership({ roomId: id, userId: socket.data.user.id }))) {
    await subscribe(socket, { id, slug });
    return { id, slug };
  }
  throw new AppError("forbidden", "join the room first");
}
