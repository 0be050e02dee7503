import { redirect } from "next/navigation";
import { Avatar } from "@/components/avatar";
import { ChatProvider } from "@/components/chat-provider";
import { ChatShell } from "@/components/chat-shell";
import { LogoutButton } from "@/components/logout-button";
import { MessageSearch } from "@/components/message-search";
import { Sidebar } from "@/components/sidebar";
import { currentUser } from "@/lib/auth";
import { listRoomSummaries } from "@/lib/server/rooms/room-summaries";
import "@/app/styles/chat-layout.css";
import "@/app/styles/sidebar.css";
import "@/app/styles/messages.css";
import "@/app/styles/composer.css";
import "@/app/styles/rich-messages.css";
import "@/app/styles/search.css";

// The layout stays mounted while the user moves between rooms: the socket, the room list and
// the unread counts live here, and only the room below is replaced.
export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  // Rendered with the page, so the sidebar is there before any script runs; the socket keeps it live.
  const rooms = await listRoomSummaries({ userId: user.id });
  const side = (
    <>
      <header className="chat-header">
        <Avatar user={user} />
        <h1>{user.name}</h1>
        <LogoutButton />
        <MessageSearch />
      </header>
      <Sidebar />
    </>
  );
  return (
    <ChatProvider me={user} initialRooms={rooms}>
      <ChatShell side={side}>{children}</ChatShell>
    </ChatProvider>
  );
}
