import type { Author, ChatMessage } from "@/lib/protocol";
import { splitMentions } from "@/lib/protocol/mentions";

/**
 * The text of a message with its `@mentions` marked (those of me highlighted), or the tombstone
 * of a deleted one. Text stays React text nodes: never interpreted as HTML.
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
    <p className={mentionsMe ? "message-text mentions-me" : "message-text"} data-mentions-me={mentionsMe || undefined}>
      {splitMentions(message.text).map((part, i) =>
        part.mention === null ? (
          part.text
        ) : part.mention === me.username ? (
          <mark key={i} className="mention mention-me" data-testid="mention-me">
            {part.text}
          </mark>
        ) : (
          <span key={i} className="mention">
            {part.text}
          </span>
        ),
      )}
      {message.editedAt && <span className="message-edited"> (edited)</span>}
    </p>
  );
}
