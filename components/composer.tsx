"use client";

import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { MentionPopup } from "@/components/mention-popup"; // rich-messages
import { useMentionCompletion } from "@/lib/client/use-mention-completion"; // rich-messages
import { characterCount } from "@/lib/client/text-length";
import type { Author } from "@/lib/protocol";
import { MAX_TEXT_CHARS } from "@/lib/protocol/limits";

interface Props {
  onSend: (text: string) => void;
  /** Called with the text on every change (typing notices). */
  onDraftChange: (text: string) => void;
  disabled: boolean;
  /** rich-messages: who `@` completes to. */
  members?: Author[];
}

const numberFormat = new Intl.NumberFormat("en");

export function Composer({ onSend, onDraftChange, disabled, members = [] }: Props) {
  const [text, setText] = useState("");
  const inputRef = useRef<HTMLTextAreaElement>(null); // rich-messages
  const mention = useMentionCompletion({ text, members, onText: (value) => change(value), inputRef });
  const count = characterCount(text);
  const tooLong = count > MAX_TEXT_CHARS;

  function change(value: string) {
    setText(value);
    onDraftChange(value);
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || disabled || tooLong) return;
    onSend(trimmed);
    setText("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (mention.onKeyDown(event)) return; // rich-messages: the completion popup's keys first
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
        ref={inputRef}
        id="message"
        name="message"
        rows={2}
        value={text}
        placeholder="Write a message"
        aria-invalid={tooLong || undefined}
        aria-describedby={tooLong ? "message-too-long" : undefined}
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
      {tooLong && (
        <p id="message-too-long" className="form-error composer-error" role="alert">
          Too long: {numberFormat.format(count)} characters, the limit is {numberFormat.format(MAX_TEXT_CHARS)}.
        </p>
      )}
    </form>
  );
}
