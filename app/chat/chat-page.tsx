import { notFound, redirect } from "next/navigation";
import { ChatRoom } from "@/components/chat-room";
import { currentUser } from "@/lib/auth";
import { listMessages } from "@/lib/data/messages";
import { openRoom } from "@/lib/data/room-access";
import { summarizeRoom } from "@/lib/data/room-summaries";
import { isAppError } from "@/lib/errors";
import { DEFAULT_PAGE, roomSlugSchema } from "@/lib/protocol";

async function openOrNull(slug: string, userId: number) {
  try {
    return await openRoom({ slug, userId });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return null;
    throw error;
  }
}

/** The chat screen for one room, shared by /chat (the lobby) and /chat/<room>. */
export async function ChatPage({ slug }: { slug: string }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  // A private room the user is not in is indistinguishable from one that does not exist.
  const opened = roomSlugSchema.safeParse(slug).success ? await openOrNull(slug, user.id) : null;
  if (!opened) notFound();
  const { room, lastReadSeq } = opened;
  // The newest page is rendered on the server: history is on screen before any script runs.
  const [summary, messages] = await Promise.all([
    summarizeRoom({ room, userId: user.id, lastReadSeq }),
    listMessages({ room, limit: DEFAULT_PAGE }),
  ]);
  return <ChatRoom key={room.slug} room={summary} me={user} initial={messages} />;
}
