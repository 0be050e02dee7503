import { redirect } from "next/navigation";
import { ChatProvider } from "@/components/chat-provider";
import { LogoutButton } from "@/components/logout-button";
import { Sidebar } from "@/components/sidebar";
import { currentUser } from "@/lib/auth";
import { listRoomSummaries } from "@/lib/data/room-summaries";

// The layout stays mounted while the user moves between rooms: the socket, the room list and
// the unread counts live here, and only the room below is replaced.
export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  // Rendered with the page, so the sidebar is there before any script runs; the socket keeps it live.
  const rooms = await listRoomSummaries({ userId: user.id });
  return (
    <ChatProvider me={user} initialRooms={rooms}>
      <div className="chat">
        <header className="chat-header">
          <h1>{user.name}</h1>
          <LogoutButton />
        </header>
        <div className="chat-body">
          <Sidebar />
          <main className="chat-main">{children}</main>
        </div>
      </div>
    </ChatProvider>
  );
}
