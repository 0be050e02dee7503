"use client";

import { useCallback, useEffect, useState } from "react";
import { Composer } from "@/components/composer";
import { BackToRooms } from "@/components/back-to-rooms";
import { ConnectionStatus } from "@/components/connection-status";
import { MessageList } from "@/components/message-list";
import { OnlineUsers } from "@/components/online-users";
import { RoomActions } from "@/components/room-actions";
import { SearchButton } from "@/components/search-button";
import { TypingIndicator } from "@/components/typing-indicator";
import { ReplyDraft } from "@/components/reply-draft";
import { useRoomMembers } from "@/lib/browser/rooms/use-room-members";
import { useChat } from "@/lib/browser/rooms/chat-context";
import { usePageVisible } from "@/lib/browser/ui/use-page-visible";
import { usePresence } from "@/lib/browser/presence/use-presence";
import { useRoom } from "@/lib/browser/rooms/use-room";
import { useTyping } from "@/lib/browser/presence/use-typing";
import type { Author, ChatMessage, RoomJoinResult, RoomSummary } from "@/lib/shared/protocol";

interface Props {
  room: RoomSummary;
  me: Author;
  initial: ChatMessage[];
  /** The message a permalink names (`?m=<seq>`): loaded around, scrolled to and highlighted. */
  target?: number | null;
}

export function ChatRoom({ room, me, initial, target = null }: Props) {
  const { status, upsertRoom, markRead, openDirect } = useChat();
  const presence = usePresence(room.slug);
  const { reset: resetOnline } = presence;
  const onJoin = useCallback(
    (res: RoomJoinResult) => {
      upsertRoom(res.room);
      resetOnline(res.online);
    },
    [resetOnline, upsertRoom],
  );
  const { view, joined, ready, error, hasOlder, send, retry, loadOlder } = useRoom(room.slug, me.id, initial, onJoin, room.lastRev, target);
  // The message being replied to, and who can be mentioned.
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const listed = useRoomMembers(room.slug);
  // Members listed on connection, plus whoever came online here since (a newcomer shows up in presence).
  const members = [...listed, ...presence.online.filter((u) => !listed.some((m) => m.id === u.id))];
  const typing = useTyping(room.slug, me.id);
  const [actionError, setActionError] = useState<string | null>(null);
  // Where the user left off when the room opened: the "new messages" line stays there.
  const [openedAt] = useState(room.lastReadSeq);

  // What is on screen in a visible tab has been read; this follows new messages as they arrive.
  const visible = usePageVisible();
  const lastSeq = view.messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    if (visible && joined && lastSeq > 0) markRead(room.slug, lastSeq);
  }, [joined, lastSeq, markRead, room.slug, visible]);

  const onOpenDirect = useCallback(
    async (username: string) => {
      setActionError(null);
      const failure = await openDirect(username);
      if (failure) setActionError(failure.error.message);
    },
    [openDirect],
  );
  // Stable callbacks, so the memoised message items do not re-render for every new message.
  const onOpenDirectLink = useCallback((username: string) => void onOpenDirect(username), [onOpenDirect]);
  const onReply = useCallback((message: ChatMessage) => {
    setReplyTo(message);
    document.getElementById("message")?.focus();
  }, []);
  const onSend = (text: string) => {
    typing.stopTyping();
    send(text, replyTo?.seq);
    setReplyTo(null);
  };

  return (
    <section className="room" aria-labelledby="room-title" data-status={status}>
      <header className="room-header">
        <BackToRooms />
        <h2 id="room-title" className="room-name">
          {room.visibility === "direct" ? room.name : `#${room.name}`}
          {room.visibility === "private" && (
            <>
              {" "}
              <span className="room-tag">private</span>
            </>
          )}
        </h2>
        <ConnectionStatus status={status} joined={joined} />
        <SearchButton />
        <RoomActions room={room} />
      </header>
      {(error ?? actionError) && (
        <p className="form-error room-error" role="alert">
          {error ?? actionError}
        </p>
      )}
      <div className="room-body">
        <MessageList
          state={view}
          me={me}
          lastReadSeq={openedAt}
          target={target}
          hasOlder={hasOlder}
          onLoadOlder={loadOlder}
          onRetry={retry}
          onOpenDirect={onOpenDirectLink}
          onReply={onReply}
        />
        <OnlineUsers users={presence.online} me={me} onOpenDirect={onOpenDirectLink} />
      </div>
      <TypingIndicator users={typing.typing} />
      {replyTo && <ReplyDraft parent={replyTo} onCancel={() => setReplyTo(null)} />}
      <Composer room={room.slug} userId={me.id} onSend={onSend} onDraftChange={typing.onDraftChange} disabled={!ready} members={members.filter((m) => m.id !== me.id)} />
    </section>
  );
}
