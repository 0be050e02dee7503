import { reader } from "@/lib/server/db/db";
import { AppError } from "@/lib/shared/errors";
import type { ReplyPreview } from "@/lib/shared/protocol";
import { previewFields } from "@/lib/server/messages/read-messages";
import { toReplyPreview } from "@/lib/server/messages/reply-preview";

/** The preview of the message `seq` of the room a reply quotes; not_found when there is none. */
export async function findReplyParent(input: { room: { id: number }; seq: number }): Promise<ReplyPreview> {
  const db = await reader();
  const parent = await db.message.findUnique({
    where: { roomId_seq: { roomId: input.room.id, seq: input.seq } },
    select: previewFields,
  });
  if (!parent) throw new AppError("not_found", "the message replied to does not exist");
  return toReplyPreview(parent);
}
