"use client";

import { useEffect, useRef, useState, type KeyboardEvent } from "react";

interface Props {
  initial: string;
  onSave: (text: string) => Promise<string | null>;
  onCancel: () => void;
}

/** Inline edit of my message: Enter saves, Shift+Enter is a new line, Escape cancels. */
export function MessageEditForm({ initial, onSave, onCancel }: Props) {
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);

  async function save() {
    const trimmed = text.trim();
    if (!trimmed || saving) return;
    setSaving(true);
    const failure = await onSave(trimmed);
    setSaving(false);
    if (failure) setError(failure);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.nativeEvent.isComposing) return;
    if (event.key === "Escape") onCancel();
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      void save();
    }
  }

  return (
    <div className="message-edit">
      <textarea ref={ref} aria-label="Edit message" value={text} rows={2} onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} />
      <div className="message-edit-actions">
        <button type="button" onClick={() => void save()} disabled={saving || !text.trim()}>
          Save
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
