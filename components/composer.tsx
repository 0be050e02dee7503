"use client";

import { useEffect, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { MentionPopup } from "@/components/mention-popup";
import { loadDraft, saveDraft } from "@/lib/browser/messages/drafts";
import { useMentionCompletion } from "@/lib/browser/mentions/use-mention-completion";
import { characterCount } from "@/lib/browser/messages/text-length";
import type { Author } from "@/lib/shared/protocol";
import { MAX_TEXT_CHARS } from "@/lib/shared/protocol/limits";

interface Props {
  room: string;
  userId: number;
  onSend: (text: string) => void;
  /** Called with the text on every change (typing notices). */
  onDraftChange: (text: string) => void;
  disabled: boolean;
  /** Who `@` completes to. */
  members?: Author[];
}

const numberFormat = new Intl.NumberFormat("en");
// The textarea grows with its text up to this height, then scrolls.
const MAX_HEIGHT_PX = 200;

export function Composer({ room, userId, onSend, onDraftChange, disabled, members = [] }: Props) {
  const [text, setText] = useState("");
  const box = useRef<HTMLTextAreaElement>(null);
  const mention = useMentionCompletion({ text, members, onText: (value) => change(value), inputRef: box });
  const count = characterCount(text);
  const tooLong = count > MAX_TEXT_CHARS;

  // The room's draft comes back after hydration (the server cannot know it), without a typing notice.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setText(loadDraft(userId, room)), [room, userId]);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = "auto";
    // Hidden (the phone's room list shows instead) it measures 0: its natural height will do.
    if (el.scrollHeight > 0) el.style.height = `${Math.min(el.scrollHeight + 2, MAX_HEIGHT_PX)}px`;
  }, [text]);

  function change(value: string) {
    setText(value);
    saveDraft(userId, room, value);
    onDraftChange(value);
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || disabled || tooLong) return;
    onSend(trimmed);
    setText("");
    saveDraft(userId, room, "");
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (mention.onKeyDown(event)) return; // The completion popup's keys first
    // Enter sends; Shift+Enter is a new line; Enter that ends an IME composition is not a send.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  }

  return (
    <form className="composer" onSubmit={submit}>
      <label htmlFor="message" className="visually-hidden">
        Message
      </label>
      <textarea
        {...mention.inputProps}
        ref={box}
        id="message"
        name="message"
        rows={1}
        value={text}
        placeholder="Write a message"
        aria-invalid={tooLong || undefined}
        aria-describedby={tooLong ? "message-too-long" : "message-hint"}
        onChange={(e) => {
          change(e.target.value);
          mention.track(e.target);
        }}
        onKeyDown={onKeyDown}
      />
      <MentionPopup {...mention.popup} />
      <button type="submit" disabled={disabled || count === 0 || tooLong}>
        Send
      </button>
      <p id="message-hint" className="composer-hint">
        Enter to send, Shift+Enter for a new line. **bold**, *italics*, ~~strike~~, `code`
      </p>
      {tooLong && (
        <p id="message-too-long" className="form-error composer-error" role="alert">
          Too long: {numberFormat.format(count)} characters, the limit is {numberFormat.format(MAX_TEXT_CHARS)}.
        </p>
      )}
    </form>
  );
}
