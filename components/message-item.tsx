import { memo } from "react";
import { Avatar } from "@/components/avatar";
import { MessageText } from "@/components/message-text";
import { MessageTime } from "@/components/message-time";
import type { OutboxEntry } from "@/lib/browser/messages/outbox-state";
import type { Author, ChatMessage } from "@/lib/shared/protocol";
import { RichMessage } from "@/components/rich-message";

interface ItemProps {
  message: ChatMessage;
  mine: boolean;
  /** Follows a message of the same author within a few minutes: no header of its own. */
  continued: boolean;
  /** The message a permalink names: highlighted, and the list's current item for assistive technology. */
  target?: boolean;
  /** Opens a conversation with the author (not offered on your own messages). */
  onOpenDirect: (username: string) => void;
  /** Who is looking, and starting a reply. */
  me: Author;
  onReply: (message: ChatMessage) => void;
}

// Memoised: an acknowledgement or a new message re-renders the list, not every item in it.
export const MessageItem = memo(function MessageItem({ message, mine, continued, target = false, onOpenDirect, me, onReply }: ItemProps) {
  const { author } = message;
  const name =
    mine || continued ? (
      <span className="message-author">{author.name}</span>
    ) : (
      <button type="button" className="message-author link-button" title={`Message ${author.name}`} onClick={() => onOpenDirect(author.username)}>
        {author.name}
      </button>
    );
  return (
    <li className={itemClass(mine, continued, target)} data-testid="message" data-seq={message.seq} aria-current={target || undefined} tabIndex={-1}>
      <Gutter author={author} continued={continued} />
      <div className="message-body">
        <div className="message-meta">
          {name}
          <MessageTime iso={message.createdAt} />
        </div>
        <RichMessage message={message} me={me} onReply={onReply} />
      </div>
    </li>
  );
});

// A continued message keeps its author and time for screen readers; on screen they are left out
// (the time shows in the gutter on hover).
const itemClass = (mine: boolean, continued: boolean, target = false) =>
  ["message", mine && "mine", continued && "continued", target && "target"].filter(Boolean).join(" ");

function Gutter({ author, continued }: { author: Author; continued: boolean }) {
  return <div className="message-gutter">{!continued && <Avatar user={author} />}</div>;
}

type PendingProps = { outgoing: OutboxEntry; author: Author; onRetry: (clientId: string) => void };

export const PendingItem = memo(function PendingItem({ outgoing, author, onRetry }: PendingProps) {
  const failed = outgoing.status === "failed";
  return (
    <li className="message mine pending" data-testid="message" data-status={outgoing.status}>
      <Gutter author={author} continued={false} />
      <div className="message-body">
        <div className="message-meta">
          <span className="message-author">{author.name}</span>
          <span className={failed ? "message-state failed" : "message-state"}>
            {failed ? `Not sent${outgoing.error ? `: ${outgoing.error}` : ""}` : (outgoing.notice ?? "Sending…")}
          </span>
          {failed && (
            <button type="button" className="link-button" onClick={() => onRetry(outgoing.clientId)}>
              Retry
            </button>
          )}
        </div>
        <MessageText text={outgoing.text} />
      </div>
    </li>
  );
});
