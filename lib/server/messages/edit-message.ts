import { writeTransaction } from "@/lib/server/db/database";
import { storedDate } from "@/lib/server/db/dates";
import { AppError } from "@/lib/shared/errors";
import type { ChatMessage } from "@/lib/shared/protocol";
import { readMessage } from "@/lib/server/messages/message-page";
import { assertAuthor, findChangeTarget, lockRevision, replaceMentions, stampRevision } from "@/lib/server/messages/message-revision";

export interface ChangeResult {
  message: ChatMessage;
  /** False when nothing changed (same text, already deleted, reaction already so): no new rev. */
  changed: boolean;
}

/** Replaces the text of the author's own message and its mentions; a deleted message cannot be edited. */
export function editMessage(input: {
  room: { id: number; slug: string };
  seq: number;
  userId: number;
  text: string;
  mentions: string[];
}): Promise<ChangeResult> {
  return writeTransaction(async (tx) => {
    const rev = (await lockRevision(tx, input.room.id)) + 1;
    const target = await findChangeTarget(tx, { roomId: input.room.id, seq: input.seq });
    assertAuthor(target, input.userId);
    if (target.deleted) throw new AppError("not_found", "the message was deleted");
    const changed = target.text !== input.text;
    if (changed) {
      await stampRevision(tx, { roomId: input.room.id, messageId: target.id, rev, data: { text: input.text, editedAt: storedDate() } });
      await replaceMentions(tx, { roomId: input.room.id, seq: input.seq, usernames: input.mentions });
    }
    // Read inside the transaction: the message as this change left it.
    const message = await readMessage(tx, input.room, input.seq);
    return { message: message!, changed };
  });
}
