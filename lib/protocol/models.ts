import "@/lib/zod-setup";
import { z } from "zod";
import { clientIdSchema, roomSlugSchema, seqSchema } from "@/lib/protocol/schemas";

// What the server sends. Schemas document the shapes and give the types; the server builds
// these values itself, so they are not parsed on the way out.

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

export const visibilitySchema = z.enum(["public", "private", "direct"]);

/** A room as one user sees it: for a direct conversation, `name` is the other person's name. */
export const roomSummarySchema = z.object({
  slug: roomSlugSchema,
  name: z.string(),
  visibility: visibilitySchema,
  lastSeq: seqSchema,
  lastReadSeq: seqSchema,
  unread: seqSchema,
  /** The other person of a direct conversation; null for other rooms. */
  peer: authorSchema.nullable(),
});

export const publicRoomSchema = z.object({
  slug: roomSlugSchema,
  name: z.string(),
  members: z.number().int(),
  joined: z.boolean(),
});

export type Author = z.infer<typeof authorSchema>;
export type ChatMessage = z.infer<typeof chatMessageSchema>;
export type Visibility = z.infer<typeof visibilitySchema>;
export type RoomSummary = z.infer<typeof roomSummarySchema>;
export type PublicRoom = z.infer<typeof publicRoomSchema>;
