"use client";

import { lazy } from "react";
import { Disclosure } from "@/components/disclosure";
import { NotificationToggle } from "@/components/notification-toggle";
import { RoomLink } from "@/components/room-link";
import { useChat } from "@/lib/browser/rooms/chat-context";
import { sortRooms } from "@/lib/browser/rooms/rooms-state";

// The panels behind "New room", "Browse rooms" and "New message" are not needed for the first
// render: each is its own chunk, fetched when its panel first opens (Disclosure waits for it).
const NewRoomForm = lazy(() => import("@/components/new-room-form").then((m) => ({ default: m.NewRoomForm })));
const BrowseRooms = lazy(() => import("@/components/browse-rooms").then((m) => ({ default: m.BrowseRooms })));
const NewMessageForm = lazy(() => import("@/components/new-message-form").then((m) => ({ default: m.NewMessageForm })));

export function Sidebar() {
  const { rooms, activeSlug } = useChat();
  const { rooms: groups, direct } = sortRooms(rooms);
  return (
    <nav className="sidebar" aria-label="Rooms">
      <h2 className="sidebar-heading">Rooms</h2>
      <ul className="room-links">
        {groups.map((room) => (
          <RoomLink key={room.slug} room={room} active={room.slug === activeSlug} />
        ))}
      </ul>
      <h2 className="sidebar-heading">Direct messages</h2>
      {direct.length === 0 && <p className="muted">No conversations yet.</p>}
      <ul className="room-links">
        {direct.map((room) => (
          <RoomLink key={room.slug} room={room} active={room.slug === activeSlug} />
        ))}
      </ul>
      <div className="sidebar-actions">
        <Disclosure label="New room">{(close) => <NewRoomForm onDone={close} />}</Disclosure>
        <Disclosure label="Browse rooms">{(close) => <BrowseRooms onDone={close} />}</Disclosure>
        <Disclosure label="New message">{(close) => <NewMessageForm onDone={close} />}</Disclosure>
        <NotificationToggle />
      </div>
    </nav>
  );
}
