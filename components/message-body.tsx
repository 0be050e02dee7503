import { MessageText } from "@/components/message-text";
import type { Author, ChatMessage } from "@/lib/shared/protocol";

/**
 * The text of a message (Markdown subset, `@mentions` marked, those of me highlighted), or the
 * tombstone of a deleted one. Text stays React text nodes: never interpreted as HTML.
 */
export function MessageBody({ message, me }: { message: ChatMessage; me: Author }) {
  if (message.deletedAt) {
    return (
      <p className="message-text message-deleted" data-testid="message-deleted">
        <em>message deleted</em>
      </p>
    );
  }
  const mentionsMe = message.mentions.includes(me.username);
  return (
    <div className={mentionsMe ? "message-content mentions-me" : "message-content"} data-mentions-me={mentionsMe || undefined}>
      <MessageText text={message.text} me={me.username} />
      {message.editedAt && <span className="message-edited">(edited)</span>}
    </div>
  );
}
