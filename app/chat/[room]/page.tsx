import { ChatPage, roomMetadata } from "@/app/chat/chat-page";
import { MESSAGE_PARAM, permalinkTarget } from "@/lib/browser/rooms/permalink";

type Props = { params: Promise<{ room: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  return roomMetadata((await params).room);
}

export default async function RoomPage({ params, searchParams }: Props) {
  const { room } = await params;
  // A permalink (`?m=<seq>`) opens the room at that message.
  const target = permalinkTarget((await searchParams)[MESSAGE_PARAM]);
  return <ChatPage slug={room} target={target} />;
}
