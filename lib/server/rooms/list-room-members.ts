import { reader } from "@/lib/server/db/db";
import type { Author } from "@/lib/shared/protocol";

/** Most members `room:members` lists: enough for `@` completion, bounded on the wire. */
export const MAX_MEMBERS_LISTED = 500;

/** The members of a room by username, at most MAX_MEMBERS_LISTED. */
export async function listRoomMembers(input: { roomId: number }): Promise<Author[]> {
  const db = await reader();
  const rows = await db.member.findMany({
    where: { roomId: input.roomId },
    select: { user: { select: { id: true, username: true, name: true } } },
    orderBy: { user: { username: "asc" } },
    take: MAX_MEMBERS_LISTED,
  });
  return rows.map((r) => r.user);
}
