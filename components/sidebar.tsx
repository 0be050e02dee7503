"use client";

import { BrowseRooms } from "@/components/browse-rooms";
import { Disclosure } from "@/components/disclosure";
import { NewMessageForm } from "@/components/new-message-form";
import { NewRoomForm } from "@/components/new-room-form";
import { NotificationToggle } from "@/components/notification-toggle";
import { RoomLink } from "@/components/room-link";
import { useChat } from "@/lib/client/chat-context";
import { sortRooms } from "@/lib/client/rooms-state";

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
