import { notFound, redirect } from "next/navigation";
import { ChatRoom } from "@/components/chat-room";
import { LogoutButton } from "@/components/logout-button";
import { currentUser } from "@/lib/auth";
import { listMessages } from "@/lib/data/messages";
import { findRoom } from "@/lib/data/rooms";
import { DEFAULT_PAGE, roomSlugSchema } from "@/lib/protocol";

/** The chat screen for one room, shared by /chat (the lobby) and /chat/<room>. */
export async function ChatPage({ slug }: { slug: string }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (!roomSlugSchema.safeParse(slug).success) notFound();
  const room = await findRoom({ slug });
  if (!room) notFound();
  // The newest page is rendered on the server: history is on screen before any script runs.
  const messages = await listMessages({ room, limit: DEFAULT_PAGE });
  return (
    <div className="chat">
      <header className="chat-header">
        <h1>{user.name}</h1>
        <p className="room-name">#{room.name}</p>
        <LogoutButton />
      </header>
      <ChatRoom key={room.slug} room={room.slug} me={user} initial={messages} />
    </div>
  );
}
