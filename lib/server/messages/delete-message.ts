import { writeTransaction } from "@/lib/server/db/db";
import { readMessages } from "@/lib/server/messages/read-messages";
import type { ChangeResult } from "@/lib/server/messages/edit-message";
import { assertAuthor, findChangeTarget, lockRevision, replaceMentions, stampRevision } from "@/lib/server/messages/message-revision";

/**
 * Turns the author's own message into a tombstone: its seq, author and time stay (the run of seqs
 * stays gap-free), its text, mentions and reactions are removed from storage. Deleting twice is a no-op.
 */
export function deleteMessage(input: { room: { id: number; slug: string }; seq: number; userId: number }): Promise<ChangeResult> {
  return writeTransaction(async (tx) => {
    const rev = (await lockRevision(tx, input.room.id)) + 1;
    const target = await findChangeTarget(tx, { roomId: input.room.id, seq: input.seq });
    assertAuthor(target, input.userId);
    if (!target.deleted) {
      await stampRevision(tx, { roomId: input.room.id, messageId: target.id, rev, data: { text: "", deletedAt: new Date() } });
      await replaceMentions(tx, { roomId: input.room.id, seq: input.seq, usernames: [] });
      await tx.reaction.deleteMany({ where: { messageId: target.id } });
    }
    const [message] = await readMessages(tx, input.room, { where: { seq: input.seq }, take: 1 });
    return { message: message!, changed: !target.deleted };
  });
}
