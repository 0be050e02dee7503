"use client";

import { useRouter } from "next/navigation";
import { lazy, useState } from "react";
import { Disclosure } from "@/components/disclosure";
import { LOBBY, roomHref } from "@/lib/browser/rooms/paths";
import { request } from "@/lib/browser/connection/request";
import type { RoomSummary } from "@/lib/shared/protocol";

// Not needed for the first render: fetched when "Invite" first opens (Disclosure waits for it).
const UsernameForm = lazy(() => import("@/components/username-form").then((m) => ({ default: m.UsernameForm })));

/** Inviting people and leaving: for rooms, not for direct conversations. */
export function RoomActions({ room }: { room: RoomSummary }) {
  if (room.visibility === "direct") return null;
  return (
    <div className="room-actions">
      <Disclosure label="Invite">
        {() => (
          <UsernameForm
            name="Invite to room"
            button="Invite"
            done={(username) => `Invited ${username}.`}
            onSubmit={async (username) => {
              const res = await request("room:invite", { room: room.slug, username });
              return res.ok ? null : res.error.message;
            }}
          />
        )}
      </Disclosure>
      {/* /chat always shows the lobby, so leaving it would only join it again. */}
      {room.slug !== LOBBY && <LeaveButton slug={room.slug} />}
    </div>
  );
}

function LeaveButton({ slug }: { slug: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function leave() {
    setBusy(true);
    setError(null);
    const res = await request("room:leave", { room: slug });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    router.push(roomHref(LOBBY));
  }

  return (
    <div className="leave">
      <button type="button" className="secondary" disabled={busy} onClick={() => void leave()}>
        Leave room
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
