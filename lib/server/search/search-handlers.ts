import type * as searchModule from "@/lib/server/search/search-messages";
import { oneAtATime } from "@/lib/server/rate-limit/one-at-a-time";
import { onEvent, type EventHandler } from "@/lib/server/realtime/on-event";
import { messageSearchSchema } from "@/lib/shared/protocol";
import { isEmptySearch, parseSearchQuery } from "@/lib/shared/search/search-query";

export interface SearchHandlerDeps {
  search: Pick<typeof searchModule, "searchMessages">;
}

/** `message:search`: the messages the user may read that match the query, newest first (docs/protocol.md). */
export function createSearchHandlers({ search }: SearchHandlerDeps): EventHandler[] {
  // A user's searches run one after another on this node: one can cost seconds of database time.
  const searchAlone = oneAtATime("search", { maxInFlight: 3, retryAfterMs: 1000 });
  const find = onEvent("message:search", messageSearchSchema, async (socket, { query, room, limit, cursor }) => {
    const parsed = parseSearchQuery(query);
    // Nothing to look for (blank, or only punctuation): no results rather than every message.
    if (isEmptySearch(parsed)) return { results: [], nextCursor: null };
    const { id, username } = socket.data.user;
    return searchAlone(id, () => search.searchMessages({ user: { id, username }, query: parsed, room, limit, cursor }));
  });
  return [find];
}
