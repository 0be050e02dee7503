/** The lobby lives at /chat; every other room at /chat/<slug>. */
export const LOBBY = "lobby";

export const roomHref = (slug: string) => (slug === LOBBY ? "/chat" : `/chat/${slug}`);

/** The slug of the room a chat path shows, or null outside the chat. */
export function slugFromPath(pathname: string | null): string | null {
  if (pathname === "/chat" || pathname === "/chat/") return LOBBY;
  const match = /^\/chat\/([^/]+)\/?$/.exec(pathname ?? "");
  return match ? decodeURIComponent(match[1]!) : null;
}
