"use client";

import { useState, type FormEvent, type KeyboardEvent } from "react";
import { characterCount } from "@/lib/client/text-length";
import { MAX_TEXT_CHARS } from "@/lib/protocol/limits";

interface Props {
  onSend: (text: string) => void;
  /** Called with the text on every change (typing notices). */
  onDraftChange: (text: string) => void;
  disabled: boolean;
}

const numberFormat = new Intl.NumberFormat("en");

export function Composer({ onSend, onDraftChange, disabled }: Props) {
  const [text, setText] = useState("");
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
    // Enter sends; Shift+Enter is a new line; Enter that ends an IME composition is not a send.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  }

  return (
    <form className="composer" onSubmit={submit}>
      <label htmlFor="message" className="visually-hidden">
        Message
      </label>
      <textarea
        id="message"
        name="message"
        rows={2}
        value={text}
        placeholder="Write a message"
        aria-invalid={tooLong || undefined}
        aria-describedby={tooLong ? "message-too-long" : undefined}
        onChange={(e) => change(e.target.value)}
        onKeyDown={onKeyDown}
      />
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
