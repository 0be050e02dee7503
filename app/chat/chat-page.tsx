import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { ChatRoom } from "@/components/chat-room";
import { currentUser } from "@/lib/auth";
import { readMessagePage } from "@/lib/server/messages/bounded-page";
import { peekRoom } from "@/lib/server/rooms/room-access";
import { summarizeRoom } from "@/lib/server/rooms/room-summaries";
import { isAppError } from "@/lib/shared/errors";
import { DEFAULT_PAGE, roomSlugSchema } from "@/lib/shared/protocol";

async function openOrNull(slug: string, userId: number) {
  try {
    return await peekRoom({ slug, userId });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return null;
    throw error;
  }
}

/**
 * The room as the signed-in user may see it, with its newest page: "signed-out", or null when it
 * does not exist for them. Cached per request, so the page and its title share one lookup.
 */
const loadRoom = cache(async (slug: string) => {
  const user = await currentUser();
  if (!user) return "signed-out" as const;
  // A private room the user is not in is indistinguishable from one that does not exist.
  const opened = roomSlugSchema.safeParse(slug).success ? await openOrNull(slug, user.id) : null;
  if (!opened) return null;
  const { room, lastReadSeq } = opened;
  const [summary, messages] = await Promise.all([
    summarizeRoom({ room, userId: user.id, lastReadSeq }),
    // Bounded in bytes as the socket's pages are (MAX_PAGE_BYTES).
    readMessagePage({ room, limit: DEFAULT_PAGE }).then((page) => page.messages),
  ]);
  return { user, summary, messages };
});

/** The document title: the room's name (the other person's, for a direct conversation). */
export async function roomMetadata(slug: string): Promise<Metadata> {
  const loaded = await loadRoom(slug);
  return { title: loaded && loaded !== "signed-out" ? loaded.summary.name : "Not found" };
}

/**
 * The chat screen for one room, shared by /chat (the lobby) and /chat/<room>; `target` is the
 * message a permalink names (`?m=<seq>`), which the room loads around and scrolls to once live.
 */
export async function ChatPage({ slug, target = null }: { slug: string; target?: number | null }) {
  const loaded = await loadRoom(slug);
  if (loaded === "signed-out") redirect("/login");
  if (!loaded) notFound();
  // The newest page is rendered on the server: history is on screen before any script runs.
  // Keyed by the target too: following another permalink into the same room opens it afresh.
  const key = `${loaded.summary.slug}:${target ?? ""}`;
  return <ChatRoom key={key} room={loaded.summary} me={loaded.user} initial={loaded.messages} target={target} />;
}
