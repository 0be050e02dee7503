"use client";

import { useId, useState, type FormEvent } from "react";

interface Props {
  /** The form's accessible name, e.g. "Invite to room". */
  name: string;
  button: string;
  /** Resolves with the server's error message, or null on success. */
  onSubmit: (username: string) => Promise<string | null>;
  /** Shown after a success, e.g. "Invited bob." */
  done?: (username: string) => string;
}

/** One username field, its button, and the server's answer right next to them. */
export function UsernameForm({ name, button, onSubmit, done }: Props) {
  const id = useId();
  const [username, setUsername] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = username.trim();
    if (!value || busy) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    const failure = await onSubmit(value);
    setBusy(false);
    if (failure) return setError(failure);
    setUsername("");
    if (done) setNotice(done(value));
  }

  return (
    <form className="inline-form" aria-label={name} onSubmit={submit}>
      <label htmlFor={`${id}-username`}>Username</label>
      <div className="inline-form-row">
        <input
          id={`${id}-username`}
          value={username}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setUsername(e.target.value)}
        />
        <button type="submit" disabled={busy || username.trim() === ""}>
          {button}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="form-error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="form-notice" role="status">
          {notice}
        </p>
      )}
    </form>
  );
}
