"use client";

import { createContext, useContext } from "react";
import type { ConnectionStatus } from "@/lib/browser/connection/connection";
import type { RoomsState } from "@/lib/browser/rooms/rooms-state";
import type { AckError, Author, RoomSummary } from "@/lib/shared/protocol";

/** What the chat layout shares with the sidebar and the room on screen. */
export interface ChatContextValue {
  me: Author;
  status: ConnectionStatus;
  rooms: RoomsState;
  /** The slug of the room on screen, or null. */
  activeSlug: string | null;
  /** A room the user is a member of, as the server just described it. */
  upsertRoom: (room: RoomSummary) => void;
  /** Everything up to `seq` in `room` has been seen. */
  markRead: (room: string, seq: number) => void;
  /** Opens (creating on first use) the conversation with `username` and shows it; resolves with the error, if any. */
  openDirect: (username: string) => Promise<AckError | null>;
}

export const ChatContext = createContext<ChatContextValue | null>(null);

export function useChat(): ChatContextValue {
  const value = useContext(ChatContext);
  if (!value) throw new Error("useChat must be used inside <ChatProvider>");
  return value;
}
