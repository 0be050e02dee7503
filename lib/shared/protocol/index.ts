import type { ErrorCode } from "@/lib/shared/errors";
import type { Author, ChatMessage, PublicRoom, RoomSummary } from "@/lib/shared/protocol/models";
import type {
  DmOpenInput,
  EmptyInput,
  MessageDeleteInput,
  MessageEditInput,
  MessageHistoryInput,
  MessageSearchInput,
  MessageReactInput,
  MessageSendInput,
  RoomCreateInput,
  RoomInviteInput,
  RoomJoinInput,
  RoomReadInput,
  RoomRefInput,
  TypingInput,
} from "@/lib/shared/protocol/schemas";

// The Socket.IO contract, shared by server and client; docs/protocol.md describes it in prose.
export * from "@/lib/shared/protocol/limits";
export * from "@/lib/shared/protocol/models";
export * from "@/lib/shared/protocol/schemas";
export * from "@/lib/shared/protocol/emoji";
export * from "@/lib/shared/protocol/mentions";

export interface AckError {
  ok: false;
  /**
   * With `rate_limited` only. `retryAfterMs`: how long until this request would be accepted; each
   * refusal of the same user and event is given its own later moment (one token each).
   * `ratePerSecond`: how many such requests the limit lets through per second once waiting, so a
   * client with more to send paces itself instead of sending them all at that moment.
   */
  error: { code: ErrorCode; message: string; retryAfterMs?: number; ratePerSecond?: number };
}
export type Ack<T extends object> = ({ ok: true } & T) | AckError;
export type AckCallback<T extends object> = (response: Ack<T>) => void;

export type RoomJoinResult = {
  room: RoomSummary;
  messages: ChatMessage[];
  online: Author[];
  /** With `since` only: more messages exist after the last one listed (the page is cut by rows or bytes). */
  hasMore?: boolean;
  /** With `sinceRev` only: messages changed after it, by ascending rev, and whether more remain. */
  changes?: ChatMessage[];
  hasMoreChanges?: boolean;
};
export type RoomListResult = { rooms: RoomSummary[] };
export type RoomBrowseResult = { rooms: PublicRoom[] };
export type RoomResult = { room: RoomSummary };
export type RoomReadResult = { room: string; lastReadSeq: number };
export type MessageSendResult = { message: ChatMessage };
export type MessageHistoryResult = {
  messages: ChatMessage[];
  /** Older messages exist before the page's first. */
  hasMore: boolean;
  /** With `around` only: newer messages exist after the page's last. */
  hasNewer?: boolean;
};
/** A search hit: the message as the wire shows it, and its room; `joined: false` for a public room the user is not in. */
export type SearchResult = { message: ChatMessage; room: { slug: string; name: string; joined: boolean } };
/** Newest first; `nextCursor` (opaque) asks for the next page, null at the end. */
export type MessageSearchResult = { results: SearchResult[]; nextCursor: string | null };
export type Empty = Record<never, never>;

type Event<P, R extends object> = (payload: P, ack: AckCallback<R>) => void;

export interface ClientToServerEvents {
  "room:join": Event<RoomJoinInput, RoomJoinResult>;
  "room:list": Event<EmptyInput, RoomListResult>;
  "room:browse": Event<EmptyInput, RoomBrowseResult>;
  "room:create": Event<RoomCreateInput, RoomResult>;
  "room:invite": Event<RoomInviteInput, RoomResult>;
  "room:leave": Event<RoomRefInput, Empty>;
  "room:read": Event<RoomReadInput, RoomReadResult>;
  "dm:open": Event<DmOpenInput, RoomResult>;
  "message:send": Event<MessageSendInput, MessageSendResult>;
  "message:history": Event<MessageHistoryInput, MessageHistoryResult>;
  typing: Event<TypingInput, Empty>;
  "message:edit": Event<MessageEditInput, MessageSendResult>;
  "message:delete": Event<MessageDeleteInput, MessageSendResult>;
  "message:react": Event<MessageReactInput, MessageSendResult>;
  "room:members": Event<RoomRefInput, { members: Author[] }>;
  "message:search": Event<MessageSearchInput, MessageSearchResult>;
}

export interface ServerToClientEvents {
  "message:new": (message: ChatMessage) => void;
  /** A message was edited, deleted or its reactions changed: the whole message, with its new rev. */
  "message:updated": (message: ChatMessage) => void;
  /** The user became a member of a room (created, joined, invited, or a direct conversation opened). */
  "room:added": (room: RoomSummary) => void;
  /** The user left a room, from this or another device. */
  "room:removed": (payload: { room: string }) => void;
  /** The user's read marker moved, from this or another device. */
  "room:read": (payload: RoomReadResult) => void;
  presence: (payload: { room: string; user: Author; online: boolean }) => void;
  typing: (payload: { room: string; user: Author; typing: boolean }) => void;
  /**
   * Sent just before the server closes the socket because its session no longer counts (the
   * user was removed or disabled, or their password was reset). Reconnecting cannot help.
   */
  "session:ended": (payload: { reason: "revoked" }) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  user: Author;
  /** The browser session (JWT `sid`) the socket was opened with; null for tokens without one. */
  sessionId: string | null;
  /** The user's `sessionVersion` in that JWT: once the database has another, the socket is closed. */
  sessionVersion: number;
  /** The user's `membershipVersion` this socket's channels were last reconciled with (room-reconciliation.ts). */
  membershipVersion: number;
}
