"use client";

import { useLayoutEffect, useRef } from "react";
import { MessageItem, PendingItem } from "@/components/message-item";
import type { RoomView } from "@/lib/client/use-room";
import type { Author, ChatMessage } from "@/lib/protocol";

interface Props {
  state: RoomView;
  me: Author;
  hasOlder: boolean;
  onLoadOlder: () => Promise<void>;
  onRetry: (clientId: string) => void;
  onOpenDirect: (username: string) => void;
  onReply: (message: ChatMessage) => void; // rich-messages
}

const NEAR_BOTTOM_PX = 80;

export function MessageList({ state, me, hasOlder, onLoadOlder, onRetry, onOpenDirect, onReply }: Props) {
  const ref = useRef<HTMLOListElement>(null);
  const firstSeq = state.messages[0]?.seq;
  const snapshot = useRef({ firstSeq, height: 0, top: 0, nearBottom: true });

  // Keeps the view still when older messages are prepended, and follows new ones when at the bottom.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const before = snapshot.current;
    if (before.firstSeq !== firstSeq && before.height > 0) {
      el.scrollTop = before.top + (el.scrollHeight - before.height);
    } else if (before.nearBottom) {
      el.scrollTop = el.scrollHeight;
    }
    snapshot.current = { firstSeq, height: el.scrollHeight, top: el.scrollTop, nearBottom: isNearBottom(el) };
  }, [firstSeq, state]);

  const onScroll = () => {
    const el = ref.current;
    if (!el) return;
    snapshot.current = { firstSeq, height: el.scrollHeight, top: el.scrollTop, nearBottom: isNearBottom(el) };
    if (el.scrollTop < 40 && hasOlder) void onLoadOlder();
  };

  return (
    <ol className="messages" ref={ref} onScroll={onScroll} role="log" aria-label="Messages" aria-live="polite">
      {hasOlder && (
        <li className="load-older">
          <button type="button" className="link-button" onClick={() => void onLoadOlder()}>
            Load earlier messages
          </button>
        </li>
      )}
      {state.messages.map((m) => (
        <MessageItem key={m.seq} message={m} mine={m.author.id === me.id} onOpenDirect={onOpenDirect} me={me} onReply={onReply} />
      ))}
      {state.pending.map((p) => (
        <PendingItem key={p.clientId} outgoing={p} authorName={me.name} onRetry={() => onRetry(p.clientId)} />
      ))}
    </ol>
  );
}

function isNearBottom(el: HTMLElement): boolean {
  return el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
}
