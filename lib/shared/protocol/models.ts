import "@/lib/shared/zod-setup";
import { z } from "zod";
import { clientIdSchema, roomSlugSchema, seqSchema } from "@/lib/shared/protocol/schemas";

// What the server sends. Schemas document the shapes and give the types; the server builds
// these values itself, so they are not parsed on the way out.

export const authorSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  name: z.string(),
});

/** One emoji on a message and who put it there, in the order they reacted. */
export const reactionSchema = z.object({ emoji: z.string(), users: z.array(authorSchema) });

/** What a reply shows of its parent; `excerpt` is null once the parent is deleted. */
export const replyPreviewSchema = z.object({
  seq: z.number().int().min(1),
  author: authorSchema,
  excerpt: z.string().nullable(),
  deleted: z.boolean(),
});

export const chatMessageSchema = z.object({
  id: z.number().int(),
  room: roomSlugSchema,
  seq: z.number().int().min(1),
  clientId: clientIdSchema,
  /** Empty once the message is deleted. */
  text: z.string(),
  createdAt: z.iso.datetime(),
  author: authorSchema,
  /** The room revision of the message's last edit, delete or reaction change; 0 if never changed. */
  rev: z.number().int().min(0),
  editedAt: z.iso.datetime().nullable(),
  deletedAt: z.iso.datetime().nullable(),
  reactions: z.array(reactionSchema),
  replyTo: replyPreviewSchema.nullable(),
  /** Lowercased usernames written as `@username` in the text. */
  mentions: z.array(z.string()),
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
  /** Unread messages (seq > lastReadSeq) that mention the user. */
  mentions: seqSchema,
  /** The room's revision counter: highest rev of an edit, delete or reaction change. */
  lastRev: seqSchema,
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
export type Reaction = z.infer<typeof reactionSchema>;
export type ReplyPreview = z.infer<typeof replyPreviewSchema>;
export type Visibility = z.infer<typeof visibilitySchema>;
export type RoomSummary = z.infer<typeof roomSummarySchema>;
export type PublicRoom = z.infer<typeof publicRoomSchema>;
