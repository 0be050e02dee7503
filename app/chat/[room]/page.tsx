import { ChatPage } from "@/app/chat/chat-page";

export default async function RoomPage({ params }: { params: Promise<{ room: string }> }) {
  const { room } = await params;
  return <ChatPage slug={room} />;
}
