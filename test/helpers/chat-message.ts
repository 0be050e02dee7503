import type { ChatMessage } from "@/lib/shared/protocol";

/** A stored message as the server sends it, for client-state tests: `seq` and what differs. */
export function chatMessage(seq: number, fields: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: seq,
    room: "lobby",
    seq,
    clientId: `c${seq}`,
    text: `m${seq}`,
    createdAt: new Date(0).toISOString(),
    author: { id: 1, username: "alice", name: "Alice" },
    rev: 0,
    editedAt: null,
    deletedAt: null,
    reactions: [],
    replyTo: null,
    mentions: [],
    ...fields,
  };
}
