import "@/lib/shared/zod-setup";
import { z } from "zod";
import { emojiSchema } from "@/lib/shared/protocol/emoji";
import { DEFAULT_PAGE, MAX_PAGE, MAX_ROOM_NAME_CHARS, MAX_TEXT_CHARS } from "@/lib/shared/protocol/limits";
import { MAX_ROOM_SLUG_CHARS, ROOM_SLUG_PATTERN, USERNAME_PATTERN } from "@/lib/shared/protocol/names";

// Client payloads. Each is parsed at run time; unknown fields are stripped (a spoofed author
// is ignored). The inferred types are what the client sends.

const wellFormed = (s: string) => s.isWellFormed();
// PostgreSQL's text cannot hold U+0000; refused everywhere, so both databases accept the same texts.
const noNul = (s: string) => !s.includes("\u0000");
const characters = (s: string) => [...s].length;

export const roomSlugSchema = z
  .string()
  .min(1)
  .max(MAX_ROOM_SLUG_CHARS)
  .regex(ROOM_SLUG_PATTERN, "room must be a slug: lowercase letters, digits and dashes");

export const usernameSchema = z
  .string()
  .max(64)
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.string().regex(USERNAME_PATTERN, "usernames are 1 to 32 lowercase letters, digits, '.', '_' or '-'"));

export const clientIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "clientId must be 1 to 64 letters, digits, dashes or underscores");

export const messageTextSchema = z
  .string()
  // Room for surrounding whitespace; also what bounds a frame (lib/server/realtime/socket-server.ts).
  .max(MAX_TEXT_CHARS * 2, "text is too long")
  .refine(wellFormed, "text is not well-formed Unicode")
  .refine(noNul, "text contains a NUL character")
  .transform((text) => text.trim())
  .refine((text) => text.length > 0, "text is empty")
  .refine((text) => characters(text) <= MAX_TEXT_CHARS, `text is longer than ${MAX_TEXT_CHARS} characters`);

export const roomNameSchema = z
  .string()
  .max(MAX_ROOM_NAME_CHARS * 4, "name is too long")
  .refine(wellFormed, "name is not well-formed Unicode")
  .refine(noNul, "name contains a NUL character")
  .transform((name) => name.replace(/\s+/g, " ").trim())
  .refine((name) => name.length > 0, "name is empty")
  .refine((name) => characters(name) <= MAX_ROOM_NAME_CHARS, `name is longer than ${MAX_ROOM_NAME_CHARS} characters`);

export const seqSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Events that take no arguments accept `{}`, null or nothing at all (undefined travels as null). */
export const emptySchema = z.object({}).nullish();

export const roomJoinSchema = z.object({ room: roomSlugSchema, since: seqSchema.optional(), sinceRev: seqSchema.optional() });
export const roomRefSchema = z.object({ room: roomSlugSchema });
export const roomCreateSchema = z.object({ name: roomNameSchema, visibility: z.enum(["public", "private"]) });
export const roomInviteSchema = z.object({ room: roomSlugSchema, username: usernameSchema });
export const roomReadSchema = z.object({ room: roomSlugSchema, seq: seqSchema });
export const dmOpenSchema = z.object({ username: usernameSchema });
export const typingSchema = z.object({ room: roomSlugSchema, typing: z.boolean() });

export const messageSendSchema = z.object({
  room: roomSlugSchema,
  text: messageTextSchema,
  clientId: clientIdSchema,
  /** The seq of the message replied to, in the same room. */
  replyTo: seqSchema.min(1).optional(),
});

const messageRef = { room: roomSlugSchema, seq: seqSchema.min(1) };
export const messageEditSchema = z.object({ ...messageRef, text: messageTextSchema });
export const messageDeleteSchema = z.object(messageRef);
export const messageReactSchema = z.object({ ...messageRef, emoji: emojiSchema, on: z.boolean() });

/** An older page (`before`) or the page around a message (`around`): exactly one of them. */
export const messageHistorySchema = z
  .object({
    room: roomSlugSchema,
    before: seqSchema.min(1).optional(),
    around: seqSchema.min(1).optional(),
    limit: z.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
  })
  .refine((p) => (p.before === undefined) !== (p.around === undefined), "give exactly one of before and around");

// Search (docs/protocol.md, "message:search"): the query is parsed by lib/shared/search/search-query.ts,
// which never fails; only its size is bounded here. `cursor` is the opaque `nextCursor` of a page.
export const messageSearchSchema = z.object({
  query: z.string().max(512).refine(wellFormed, "query must be well-formed Unicode").refine(noNul, "query must not contain U+0000"),
  room: roomSlugSchema.optional(),
  limit: z.number().int().min(1).max(50).default(20),
  cursor: z.string().min(1).max(100).optional(),
});

export type RoomJoinInput = z.input<typeof roomJoinSchema>;
export type RoomRefInput = z.input<typeof roomRefSchema>;
export type RoomCreateInput = z.input<typeof roomCreateSchema>;
export type RoomInviteInput = z.input<typeof roomInviteSchema>;
export type RoomReadInput = z.input<typeof roomReadSchema>;
export type DmOpenInput = z.input<typeof dmOpenSchema>;
export type TypingInput = z.input<typeof typingSchema>;
export type MessageSendInput = z.input<typeof messageSendSchema>;
export type MessageHistoryInput = z.input<typeof messageHistorySchema>;
export type MessageEditInput = z.input<typeof messageEditSchema>;
export type MessageDeleteInput = z.input<typeof messageDeleteSchema>;
export type MessageReactInput = z.input<typeof messageReactSchema>;
export type MessageSearchInput = z.input<typeof messageSearchSchema>;
export type EmptyInput = z.input<typeof emptySchema>;
