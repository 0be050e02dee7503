"use client";

import { Composer } from "@/components/composer";
import { MessageList } from "@/components/message-list";
import { useRoom } from "@/lib/client/use-room";
import type { Author, ChatMessage, RoomSummary } from "@/lib/protocol";

const statusText = { connecting: "Connecting…", online: "Connected", offline: "Offline, reconnecting…" } as const;

export function ChatRoom({ room, me, initial }: { room: RoomSummary; me: Author; initial: ChatMessage[] }) {
  const { state, status, error, hasOlder, send, retry, loadOlder } = useRoom(room.slug, me.id, initial);
  return (
    <section className="room" aria-label={room.name} data-status={status}>
      <h2 className="room-name">{room.visibility === "direct" ? room.name : `#${room.name}`}</h2>
      <p className="connection" role="status" data-testid="connection">
        {statusText[status]}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <MessageList state={state} me={me} hasOlder={hasOlder} onLoadOlder={loadOlder} onRetry={retry} />
      <Composer onSend={send} disabled={status === "connecting"} />
    </section>
  );
}
