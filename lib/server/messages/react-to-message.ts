import { writeTransaction, type Tx } from "@/lib/server/db/db";
import { AppError } from "@/lib/shared/errors";
import { MAX_REACTIONS_PER_MESSAGE } from "@/lib/shared/protocol";
import { readMessages } from "@/lib/server/messages/read-messages";
import type { ChangeResult } from "@/lib/server/messages/edit-message";
import { findChangeTarget, lockRevision, stampRevision } from "@/lib/server/messages/message-revision";

/**
 * Puts (`on`) or takes back the user's `emoji` on a message of the room. Idempotent: asking for
 * the state that already holds changes nothing and takes no revision.
 */
export function reactToMessage(input: {
  room: { id: number; slug: string };
  seq: number;
  userId: number;
  emoji: string;
  on: boolean;
}): Promise<ChangeResult> {
  return writeTransaction(async (tx) => {
    const rev = (await lockRevision(tx, input.room.id)) + 1;
    const target = await findChangeTarget(tx, { roomId: input.room.id, seq: input.seq });
    if (target.deleted) throw new AppError("not_found", "the message was deleted");
    const key = { messageId: target.id, userId: input.userId, emoji: input.emoji };
    const exists = (await tx.reaction.findUnique({ where: { messageId_userId_emoji: key }, select: { emoji: true } })) !== null;
    const changed = exists !== input.on;
    if (changed && input.on) {
      await assertEmojiLimit(tx, target.id, input.emoji);
      await tx.reaction.create({ data: key });
    }
    if (changed && !input.on) await tx.reaction.delete({ where: { messageId_userId_emoji: key } });
    if (changed) await stampRevision(tx, { roomId: input.room.id, messageId: target.id, rev });
    const [message] = await readMessages(tx, input.room, { where: { seq: input.seq }, take: 1 });
    return { message: message!, changed };
  });
}

/** A message carries at most MAX_REACTIONS_PER_MESSAGE distinct emoji. */
async function assertEmojiLimit(tx: Tx, messageId: number, emoji: string): Promise<void> {
  const present = await tx.reaction.findMany({ where: { messageId }, distinct: ["emoji"], select: { emoji: true } });
  if (present.length >= MAX_REACTIONS_PER_MESSAGE && !present.some((r) => r.emoji === emoji)) {
    throw new AppError("invalid", `a message carries at most ${MAX_REACTIONS_PER_MESSAGE} different emoji`);
  }
}
