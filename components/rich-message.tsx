"use client";

import { lazy, Suspense, useState } from "react";
import { MessageActions } from "@/components/message-actions";
import { MessageBody } from "@/components/message-body";
import { ReactionBar } from "@/components/reaction-bar";
import { ReplyQuote } from "@/components/reply-quote";
import { request } from "@/lib/browser/connection/request";
import type { Author, ChatMessage } from "@/lib/shared/protocol";

// Not needed for the first render: fetched when a message is first edited.
const MessageEditForm = lazy(() => import("@/components/message-edit-form").then((m) => ({ default: m.MessageEditForm })));

interface Props {
  message: ChatMessage;
  me: Author;
  onReply: (message: ChatMessage) => void;
}

/**
 * What a stored message shows below its author and time: the quote it replies to, its text (or
 * the inline editor), its reactions and its actions. Changes come back as `message:updated`.
 */
export function RichMessage({ message, me, onReply }: Props) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = message.author.id === me.id;
  const ref = { room: message.room, seq: message.seq };

  const report = (res: { ok: boolean; error?: { message: string } }) => {
    setError(res.ok ? null : (res.error?.message ?? "failed"));
    return res.ok ? null : (res.error?.message ?? "failed");
  };
  const react = async (emoji: string, on: boolean) => void report(await request("message:react", { ...ref, emoji, on }));

  return (
    <>
      {message.replyTo && <ReplyQuote preview={message.replyTo} />}
      {editing ? (
        // The text stays on screen while the form's code arrives.
        <Suspense fallback={<MessageBody message={message} me={me} />}>
          <MessageEditForm
            initial={message.text}
            onCancel={() => setEditing(false)}
            onSave={async (text) => {
              const failure = report(await request("message:edit", { ...ref, text }));
              if (!failure) setEditing(false);
              return failure;
            }}
          />
        </Suspense>
      ) : (
        <MessageBody message={message} me={me} />
      )}
      <ReactionBar message={message} me={me} onToggle={(emoji, on) => void react(emoji, on)} />
      {!editing && (
        <MessageActions
          message={message}
          mine={mine}
          onReply={() => onReply(message)}
          onEdit={() => setEditing(true)}
          onDelete={async () => void report(await request("message:delete", ref))}
          onReact={(emoji) => void react(emoji, !message.reactions.some((r) => r.emoji === emoji && r.users.some((u) => u.id === me.id)))}
        />
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
