"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useChat } from "@/lib/browser/rooms/chat-context";
import { roomHref } from "@/lib/browser/rooms/paths";
import { request } from "@/lib/browser/connection/request";

/** Creates a room, public or private, and opens it. */
export function NewRoomForm({ onDone }: { onDone: () => void }) {
  const router = useRouter();
  const { upsertRoom } = useChat();
  const id = useId();
  const [name, setName] = useState("");
  const [visibility, setVisibility] = useState<"public" | "private">("public");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !name.trim()) return;
    setBusy(true);
    setError(null);
    const res = await request("room:create", { name, visibility });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    upsertRoom(res.room);
    router.push(roomHref(res.room.slug));
    onDone();
  }

  return (
    <form className="inline-form" aria-label="New room" onSubmit={submit}>
      <label htmlFor={`${id}-name`}>Room name</label>
      <input
        id={`${id}-name`}
        value={name}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setName(e.target.value)}
      />
      <fieldset className="choice">
        <legend>Who can join</legend>
        {(["public", "private"] as const).map((v) => (
          <label key={v}>
            <input type="radio" name={`${id}-visibility`} checked={visibility === v} onChange={() => setVisibility(v)} />
            {v === "public" ? "Public: anyone can join" : "Private: invited people only"}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={busy || name.trim() === ""}>
        Create room
      </button>
      {error && (
        <p id={`${id}-error`} className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
