import { ChatPage, roomMetadata } from "@/app/chat/chat-page";

type Props = { params: Promise<{ room: string }> };

export async function generateMetadata({ params }: Props) {
  return roomMetadata((await params).room);
}

export default async function RoomPage({ params }: Props) {
  const { room } = await params;
  return <ChatPage slug={room} />;
}
