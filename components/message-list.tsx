"use client";

import { useMemo, useState } from "react";
import { JumpToLatest } from "@/components/jump-to-latest";
import { MessageItem, PendingItem } from "@/components/message-item";
import { DayDivider, UnreadDivider } from "@/components/timeline-divider";
import { buildTimeline, countAfter } from "@/lib/browser/messages/timeline";
import { useLogScroll } from "@/lib/browser/messages/use-log-scroll";
import { useNow } from "@/lib/browser/ui/use-now";
import type { RoomView } from "@/lib/browser/rooms/use-room";
import type { Author, ChatMessage } from "@/lib/shared/protocol";

interface Props {
  state: RoomView;
  me: Author;
  /** The user's read marker when the room was opened. */
  lastReadSeq: number;
  /** A permalink's message: scrolled to once it is shown, and highlighted. */
  target: number | null;
  hasOlder: boolean;
  onLoadOlder: () => Promise<void>;
  onRetry: (clientId: string) => void;
  onOpenDirect: (username: string) => void;
  onReply: (message: ChatMessage) => void;
}

export function MessageList({ state, me, lastReadSeq, target, hasOlder, onLoadOlder, onRetry, onOpenDirect, onReply }: Props) {
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const timeline = useMemo(
    () => buildTimeline(state.messages, { lastReadSeq, selfId: me.id, days: now !== null }),
    [state.messages, lastReadSeq, me.id, now],
  );
  const loadOlder = async () => {
    // Busy while older messages come in, so screen readers do not read out a page of history.
    setBusy(true);
    await onLoadOlder();
    setBusy(false);
  };
  const { ref, atBottom, seenSeq, jump, onScroll } = useLogScroll({ state, lastReadSeq, target, hasOlder, loadOlder });
  const below = atBottom ? 0 : countAfter(state.messages, seenSeq, me.id);

  return (
    <div className="log-frame">
      {/* The log scrolls (and takes focus, to scroll from the keyboard); the list inside keeps list semantics. */}
      <div className="messages" ref={ref} onScroll={onScroll} role="log" aria-label="Messages" aria-live="polite" aria-busy={busy} tabIndex={0}>
        <ol className="message-items">
        {hasOlder && (
          <li className="load-older">
            <button type="button" className="link-button" onClick={() => void loadOlder()}>
              Load earlier messages
            </button>
          </li>
        )}
        {timeline.map((entry) =>
          entry.kind === "day" ? (
            <DayDivider key={entry.key} iso={entry.iso} now={now ?? 0} />
          ) : entry.kind === "unread" ? (
            <UnreadDivider key={entry.key} />
          ) : (
            <MessageItem
              key={entry.key}
              message={entry.message}
              mine={entry.message.author.id === me.id}
              continued={entry.continued}
              target={entry.message.seq === target}
              onOpenDirect={onOpenDirect}
              me={me}
              onReply={onReply}
            />
          ),
        )}
        {state.pending.map((p) => (
          <PendingItem key={p.clientId} outgoing={p} author={me} onRetry={onRetry} />
        ))}
        </ol>
      </div>
      {!atBottom && <JumpToLatest count={below} onJump={jump} />}
    </div>
  );
}
