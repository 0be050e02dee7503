import { readMessagePageAround } from "@/lib/server/messages/around-page";
import { readChangePage, readMessagePage } from "@/lib/server/messages/bounded-page";
import { deleteMessage } from "@/lib/server/messages/delete-message";
import { editMessage } from "@/lib/server/messages/edit-message";
import { findReplyParent } from "@/lib/server/messages/find-reply-parent";
import { createMessageChangeHandlers } from "@/lib/server/messages/message-change-handlers";
import { createMessageHandlers } from "@/lib/server/messages/message-handlers";
import { reactToMessage } from "@/lib/server/messages/react-to-message";
import { sendMessage } from "@/lib/server/messages/send-message";
import { onlineMembers } from "@/lib/server/presence/presence";
import { createTypingHandlers } from "@/lib/server/presence/typing-handlers";
import { withByteLimit } from "@/lib/server/rate-limit/byte-limiter";
import { farewellMember, isSubscribed, subscribe, unsubscribe, welcomeMember } from "@/lib/server/realtime/membership";
import type { EventHandler } from "@/lib/server/realtime/on-event";
import type { ChatServer } from "@/lib/server/realtime/types";
import { createRoomGate } from "@/lib/server/rooms/joined-room";
import { createMemberListHandlers } from "@/lib/server/rooms/member-list-handlers";
import { addMember, isMember, listRoomMembers, markRead, removeMember } from "@/lib/server/rooms/members";
import { memberRoom, openRoom } from "@/lib/server/rooms/room-access";
import { createRoomHandlers } from "@/lib/server/rooms/room-handlers";
import { roomIdOf } from "@/lib/server/rooms/room-ids";
import { createRoomMembershipHandlers } from "@/lib/server/rooms/room-membership-handlers";
import { listRoomSummaries, summarizeRoom } from "@/lib/server/rooms/room-summaries";
import { createRoom, listPublicRooms, openDirectRoom } from "@/lib/server/rooms/rooms";
import { createSearchHandlers } from "@/lib/server/search/search-handlers";
import { searchMessages } from "@/lib/server/search/search-messages";
import { findUserByUsername } from "@/lib/server/users/users";

// The one place that names the modules the socket handlers use. Each feature's handlers receive
// the part they need (see their `*HandlerDeps`), so they can be made from other parts in a test,
// the way Socket.IO's own CRUD example passes its repositories to `createTodoHandlers`.

/** The data modules and realtime helpers behind the handlers, grouped by what they own. */
export function handlerDependencies(io: ChatServer) {
  const membership = { subscribe, unsubscribe, isSubscribed, welcomeMember, farewellMember };
  return {
    io,
    gate: createRoomGate({ members: { isMember }, roomIds: { roomIdOf }, channels: membership }),
    messages: { sendMessage, readMessagePage, readMessagePageAround, readChangePage, findReplyParent, editMessage, deleteMessage, reactToMessage },
    rooms: { openRoom, memberRoom, summarizeRoom, listRoomSummaries, listPublicRooms, createRoom, openDirectRoom },
    members: { addMember, removeMember, markRead, listRoomMembers },
    users: { findUserByUsername },
    membership,
    presence: { onlineMembers },
    limiter: { withByteLimit },
    search: { searchMessages },
  };
}

export type HandlerDependencies = ReturnType<typeof handlerDependencies>;

/** Every client event's handler, made once per server. */
export function chatHandlers(deps: HandlerDependencies): EventHandler[] {
  return [
    ...createRoomHandlers(deps),
    ...createRoomMembershipHandlers(deps),
    ...createMessageHandlers(deps),
    ...createMessageChangeHandlers(deps),
    ...createMemberListHandlers(deps),
    ...createTypingHandlers(deps),
    ...createSearchHandlers(deps),
  ];
}
