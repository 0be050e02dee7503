import { ChatPage, roomMetadata } from "@/app/chat/chat-page";
import { LOBBY } from "@/lib/browser/rooms/paths";
import { MESSAGE_PARAM, permalinkTarget } from "@/lib/browser/rooms/permalink";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const generateMetadata = () => roomMetadata(LOBBY);

export default async function LobbyPage({ searchParams }: Props) {
  // A permalink (`/chat?m=<seq>`) opens the lobby at that message.
  const target = permalinkTarget((await searchParams)[MESSAGE_PARAM]);
  return <ChatPage slug={LOBBY} target={target} />;
}
