import { writeTransaction, type Tx } from "@/lib/server/db/database";
import { storedDate } from "@/lib/server/db/dates";
import { AppError } from "@/lib/shared/errors";
import { MAX_REACTIONS_PER_MESSAGE } from "@/lib/shared/protocol";
import { readMessage } from "@/lib/server/messages/message-page";
import type { ChangeResult } from "@/lib/server/messages/edit-message";
import { findChangeTarget, lockRevision, stampRevision } from "@/lib/server/messages/message-revision";

type ReactionKey = { messageId: number; userId: number; emoji: string };

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
    const changed = (await hasReaction(tx, key)) !== input.on;
    if (changed && input.on) {
      await assertEmojiLimit(tx, target.id, input.emoji);
      // createdAt orders a message's reactions: written explicitly, in the column's one text form.
      await tx.insertInto("Reaction").values({ ...key, createdAt: storedDate() }).execute();
    }
    if (changed && !input.on) await tx.deleteFrom("Reaction").where((eb) => eb.and(key)).execute();
    if (changed) await stampRevision(tx, { roomId: input.room.id, messageId: target.id, rev });
    const message = await readMessage(tx, input.room, input.seq);
    return { message: message!, changed };
  });
}

async function hasReaction(tx: Tx, key: ReactionKey): Promise<boolean> {
  return (await tx.selectFrom("Reaction").select("emoji").where((eb) => eb.and(key)).executeTakeFirst()) !== undefined;
}

/** A message carries at most MAX_REACTIONS_PER_MESSAGE distinct emoji. */
async function assertEmojiLimit(tx: Tx, messageId: number, emoji: string): Promise<void> {
  const present = await tx.selectFrom("Reaction").select("emoji").distinct().where("messageId", "=", messageId).execute();
  if (present.length >= MAX_REACTIONS_PER_MESSAGE && !present.some((r) => r.emoji === emoji)) {
    throw new AppError("invalid", `a message carries at most ${MAX_REACTIONS_PER_MESSAGE} different emoji`);
  }
}
