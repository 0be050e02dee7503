"use client";

import { useEffect, useState } from "react";
import Link from "next/link";
import { roomHref } from "@/lib/browser/rooms/paths";
import { request } from "@/lib/browser/connection/request";
import type { PublicRoom } from "@/lib/shared/protocol";

/** The public rooms, fetched each time the panel opens; opening one joins it. */
export function BrowseRooms({ onDone }: { onDone: () => void }) {
  const [rooms, setRooms] = useState<PublicRoom[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void request("room:browse", {}).then((res) => {
      if (!current) return;
      if (res.ok) setRooms(res.rooms);
      else setError(res.error.message);
    });
    return () => {
      current = false;
    };
  }, []);

  if (error) {
    return (
      <p className="form-error" role="alert">
        {error}
      </p>
    );
  }
  if (!rooms) return <p className="muted">Loading public rooms…</p>;
  if (rooms.length === 0) return <p className="muted">No public rooms yet.</p>;
  return (
    <ul className="browse-list" aria-label="Public rooms" data-testid="public-rooms">
      {rooms.map((room) => (
        <li key={room.slug}>
          <Link href={roomHref(room.slug)} onClick={onDone}>
            #{room.name}
          </Link>
          <span className="muted">
            {room.members} {room.members === 1 ? "member" : "members"}
            {room.joined ? " · joined" : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}
