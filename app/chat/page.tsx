import { ChatPage, roomMetadata } from "@/app/chat/chat-page";
import { LOBBY } from "@/lib/client/paths";

export const generateMetadata = () => roomMetadata(LOBBY);

export default function LobbyPage() {
  return <ChatPage slug={LOBBY} />;
}
