import { roomHref } from "@/lib/browser/rooms/paths";

// A message's permalink is its room's page with `?m=<seq>`: the room opens around that message,
// scrolled to it and highlighted. Plain functions, free of React, for the pages and the client.

/** The query parameter naming the message a room page opens at. */
export const MESSAGE_PARAM = "m";

/** The message a room page was asked to open at (`?m=<seq>`), or null when none is named well. */
export function permalinkTarget(value: string | string[] | undefined): number | null {
  if (typeof value !== "string" || !/^[1-9]\d{0,15}$/.test(value)) return null;
  const seq = Number(value);
  return Number.isSafeInteger(seq) ? seq : null;
}

/** The path of a message's permalink, for in-app navigation. */
export const permalinkPath = (room: string, seq: number) => `${roomHref(room)}?${MESSAGE_PARAM}=${seq}`;

/** The absolute address of a message: `origin` is the page's own (`location.origin`). */
export const permalinkUrl = (origin: string, room: string, seq: number) => `${origin}${permalinkPath(room, seq)}`;
