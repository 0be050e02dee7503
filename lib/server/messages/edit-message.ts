import { writeTransaction } from "@/lib/server/db/db";
import { AppError } from "@/lib/shared/errors";
import type { ChatMessage } from "@/lib/shared/protocol";
import { readMessages } from "@/lib/server/messages/read-messages";
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
      await stampRevision(tx, { roomId: input.room.id, messageId: target.id, rev, data: { text: input.text, editedAt: new Date() } });
      await replaceMentions(tx, { roomId: input.room.id, seq: input.seq, usernames: input.mentions });
    }
    const [message] = await readMessages(tx, input.room, { where: { seq: input.seq }, take: 1 });
    return { message: message!, changed };
  });
}
