import type { ReplyPreview } from "@/lib/shared/protocol";

/** Code points of a parent's text a reply carries: enough to recognise it, bounded on the wire. */
export const EXCERPT_CHARS = 140;

interface ParentRow {
  seq: number;
  text: string;
  /** Only whether it is null matters: a Date from Prisma, ISO text from a raw read. */
  deletedAt: Date | string | null;
  author: ReplyPreview["author"];
}

export function toReplyPreview(parent: ParentRow): ReplyPreview {
  const deleted = parent.deletedAt !== null;
  const chars = [...parent.text];
  const excerpt = chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join("")}…` : parent.text;
  return { seq: parent.seq, author: parent.author, excerpt: deleted ? null : excerpt, deleted };
}
