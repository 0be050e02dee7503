import { reader } from "@/lib/server/db/database";
import { AppError } from "@/lib/shared/errors";
import type { ReplyPreview } from "@/lib/shared/protocol";
import { readPreviews } from "@/lib/server/messages/message-extras";

/** The preview of the message `seq` of the room a reply quotes; not_found when there is none. */
export async function findReplyParent(input: { room: { id: number }; seq: number }): Promise<ReplyPreview> {
  const parent = (await readPreviews(await reader(), input.room.id, [input.seq])).get(input.seq);
  if (!parent) throw new AppError("not_found", "the message replied to does not exist");
  return parent;
}
