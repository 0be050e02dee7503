import type { OutboxEntry } from "@/lib/client/outbox-state";
import type { Author, ChatMessage } from "@/lib/protocol";
import { RichMessage } from "@/components/rich-message"; // rich-messages

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "medium" });

function Time({ iso }: { iso: string }) {
  const date = new Date(iso);
  // Server and browser may sit in different time zones; the browser's rendering wins.
  return (
    <time dateTime={iso} title={fullFormat.format(date)} suppressHydrationWarning>
      {timeFormat.format(date)}
    </time>
  );
}

interface ItemProps {
  message: ChatMessage;
  mine: boolean;
  /** Opens a conversation with the author (not offered on your own messages). */
  onOpenDirect: (username: string) => void;
  /** rich-messages: who is looking, and starting a reply. */
  me: Author;
  onReply: (message: ChatMessage) => void;
}

// Text is rendered as a React text node: whatever it contains is shown, never interpreted as HTML.
export function MessageItem({ message, mine, onOpenDirect, me, onReply }: ItemProps) {
  const { author } = message;
  return (
    <li className={mine ? "message mine" : "message"} data-testid="message" data-seq={message.seq} tabIndex={-1}>
      <div className="message-meta">
        {mine ? (
          <span className="message-author">{author.name}</span>
        ) : (
          <button type="button" className="message-author link-button" title={`Message ${author.name}`} onClick={() => onOpenDirect(author.username)}>
            {author.name}
          </button>
        )}
        <Time iso={message.createdAt} />
      </div>
      <RichMessage message={message} me={me} onReply={onReply} /> {/* rich-messages */}
    </li>
  );
}

export function PendingItem({ outgoing, authorName, onRetry }: { outgoing: OutboxEntry; authorName: string; onRetry: () => void }) {
  const failed = outgoing.status === "failed";
  return (
    <li className="message mine pending" data-testid="message" data-status={outgoing.status}>
      <div className="message-meta">
        <span className="message-author">{authorName}</span>
        <span className="message-state">{failed ? `Not sent${outgoing.error ? `: ${outgoing.error}` : ""}` : (outgoing.notice ?? "Sending…")}</span>
        {failed && (
          <button type="button" className="link-button" onClick={onRetry}>
            Retry
          </button>
        )}
      </div>
      <p className="message-text">{outgoing.text}</p>
    </li>
  );
}
