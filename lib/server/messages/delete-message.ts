import { writeTransaction } from "@/lib/server/db/database";
import { storedDate } from "@/lib/server/db/dates";
import { readMessage } from "@/lib/server/messages/message-page";
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
      await stampRevision(tx, { roomId: input.room.id, messageId: target.id, rev, data: { text: "", deletedAt: storedDate() } });
      await replaceMentions(tx, { roomId: input.room.id, seq: input.seq, usernames: [] });
      await tx.deleteFrom("Reaction").where("messageId", "=", target.id).execute();
    }
    const message = await readMessage(tx, input.room, input.seq);
    return { message: message!, changed: !target.deleted };
  });
}
