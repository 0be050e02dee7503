"use client";

import { UsernameForm } from "@/components/username-form";
import { useChat } from "@/lib/browser/rooms/chat-context";

/** Opens the direct conversation with someone by username (the same one every time). */
export function NewMessageForm({ onDone }: { onDone: () => void }) {
  const { openDirect } = useChat();
  return (
    <UsernameForm
      name="New message"
      button="Open conversation"
      onSubmit={async (username) => {
        const failure = await openDirect(username);
        if (!failure) onDone();
        return failure?.error.message ?? null;
      }}
    />
  );
}
