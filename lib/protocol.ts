import { z } from "zod";
import type { ErrorCode } from "@/lib/errors";

// The Socket.IO contract, shared by server and client. Every client payload is parsed with the
// schema below at run time; the TypeScript types are inferred from the same schemas.

export const MAX_TEXT_CHARS = 4000;
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 100;
/** Most messages one `room:join` with `since` returns; the client asks again from the last one. */
export const MAX_CATCH_UP = 1000;

const wellFormed = (s: string) => s.isWellFormed();

export const roomSlugSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "room must be a slug: lowercase letters, digits and dashes");

export const clientIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "clientId must be 1 to 64 letters, digits, dashes or underscores");

export const messageTextSchema = z
  .string()
  .max(MAX_TEXT_CHARS * 4, "text is too long")
  .refine(wellFormed, "text is not well-formed Unicode")
  .transform((text) => text.trim())
  .refine((text) => text.length > 0, "text is empty")
  .refine((text) => [...text].length <= MAX_TEXT_CHARS, `text is longer than ${MAX_TEXT_CHARS} characters`);

const seqSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const roomJoinSchema = z.object({
  room: roomSlugSchema,
  since: seqSchema.optional(),
});

export const messageSendSchema = z.object({
  room: roomSlugSchema,
  text: messageTextSchema,
  clientId: clientIdSchema,
});

export const messageHistorySchema = z.object({
  room: roomSlugSchema,
  before: seqSchema.min(1),
  limit: z.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
});

export const authorSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  name: z.string(),
});

export const chatMessageSchema = z.object({
  id: z.number().int(),
  room: roomSlugSchema,
  seq: z.number().int().min(1),
  clientId: clientIdSchema,
  text: z.string(),
  createdAt: z.iso.datetime(),
  author: authorSchema,
});

export const roomInfoSchema = z.object({
  slug: roomSlugSchema,
  name: z.string(),
  lastSeq: seqSchema,
});

export type RoomJoinInput = z.input<typeof roomJoinSchema>;
export type MessageSendInput = z.input<typeof messageSendSchema>;
export type MessageHistoryInput = z.input<typeof messageHistorySchema>;
export type Author = z.infer<typeof authorSchema>;
export type ChatMessage = z.infer<typeof chatMessageSchema>;
export type RoomInfo = z.infer<typeof roomInfoSchema>;

export interface AckError {
  ok: false;
  error: { code: ErrorCode; message: string };
}
export type Ack<T extends object> = ({ ok: true } & T) | AckError;
export type AckCallback<T extends object> = (response: Ack<T>) => void;

export type RoomJoinResult = { room: RoomInfo; messages: ChatMessage[] };
export type MessageSendResult = { message: ChatMessage };
export type MessageHistoryResult = { messages: ChatMessage[]; hasMore: boolean };

export interface ClientToServerEvents {
  "room:join": (payload: RoomJoinInput, ack: AckCallback<RoomJoinResult>) => void;
  "message:send": (payload: MessageSendInput, ack: AckCallback<MessageSendResult>) => void;
  "message:history": (payload: MessageHistoryInput, ack: AckCallback<MessageHistoryResult>) => void;
}

export interface ServerToClientEvents {
  "message:new": (message: ChatMessage) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  user: Author;
  /** Rooms this socket has joined: slug to room id. */
  rooms: Record<string, number>;
}
