import { reader } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ReplyPreview } from "@/lib/protocol";
import { previewFields } from "@/lib/data/read-messages";
import { toReplyPreview } from "@/lib/data/reply-preview";

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
