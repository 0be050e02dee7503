import { ChatPage, roomMetadata } from "@/app/chat/chat-page";
import { LOBBY } from "@/lib/browser/rooms/paths";

export const generateMetadata = () => roomMetadata(LOBBY);

export default function LobbyPage() {
  return <ChatPage slug={LOBBY} />;
}
