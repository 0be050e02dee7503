import { AppError } from "@/lib/errors";
import { isSubscribed } from "@/lib/socket/membership";
import { roomIdOf } from "@/lib/socket/room-ids";
import type { ChatSocket } from "@/lib/socket/types";

/** The room `slug` if this socket is subscribed to it (its user is a member); forbidden otherwise. */
export async function joinedRoom(socket: ChatSocket, slug: string): Promise<{ id: number; slug: string }> {
  const id = isSubscribed(socket, slug) ? await roomIdOf(slug) : null;
  if (id === null) throw new AppError("forbidden", "join the room first");
  return { id, slug };
}
