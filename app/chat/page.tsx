import type { Metadata } from "next";
import { ChatPage } from "@/app/chat/chat-page";

export const metadata: Metadata = { title: "Lobby" };

export default function LobbyPage() {
  return <ChatPage slug="lobby" />;
}
