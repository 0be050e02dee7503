// The protocol's numeric limits, free of zod: client code imports them from here, so the browser
// bundle does not carry the schema library (about 35 KB gzipped) for a few numbers.

export const MAX_TEXT_CHARS = 4000;
export const MAX_ROOM_NAME_CHARS = 80;
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 100;
/** Most messages one `room:join` with `since` returns; the client asks again from the last one. */
export const MAX_CATCH_UP = 1000;
/** Most changed messages one `room:join` with `sinceRev` returns (`hasMoreChanges` tells the rest). */
export const MAX_CHANGES = 500;
/**
 * Most bytes of wire JSON (UTF-8) the messages of one answer take: a history page, the newest page
 * or catch-up of `room:join` and its changes together. A page stops before the message that would
 * pass it (and says there is more), but always holds at least one.
 */
export const MAX_PAGE_BYTES = 1024 * 1024;
/** The reaction palette the app offers; any other single emoji is accepted too (emoji.ts). */
export const EMOJI_PALETTE = ["👍", "❤️", "😂", "🎉", "😮", "😢", "🙏", "👀"] as const;
/**
 * Largest frame a client may send (one WebSocket message, or one long-polling POST body); a larger
 * one closes the connection (Socket.IO's `maxHttpBufferSize`). The largest valid payload is a text
 * of 8,000 UTF-16 units before trimming (schemas.ts), up to 6 bytes each once JSON-escaped: 48 KB,
 * plus the envelope. docs/protocol.md and deploy/nginx-chat.conf state this number; a unit test
 * (test/unit/frame-limit.test.ts) keeps them to it.
 */
export const MAX_FRAME_BYTES = 64 * 1024;
