"use client";

import { backoffDelay, sleep } from "@/lib/browser/connection/backoff";
import { request } from "@/lib/browser/connection/request";
import { getSocket } from "@/lib/browser/connection/socket";
import type { ChatMessage, RoomJoinResult } from "@/lib/shared/protocol";

// Answers worth asking again: the server may manage next time.
const TRANSIENT = new Set(["unavailable", "internal", "rate_limited"]);

export interface JoinTarget {
  /** The last seq of the gap-free run on screen (0 when empty). */
  lastSeq: () => number;
  append: (messages: ChatMessage[]) => void;
  onJoin: (res: RoomJoinResult) => void;
  /** The room revision held, and what to do with the changes after it. */
  rev: () => number;
  changes: (res: RoomJoinResult) => void;
  /** False once the room is off screen: stop asking. */
  live: () => boolean;
}

/**
 * `room:join` with `since`, repeated while the server says more remain (`hasMore`: one answer
 * holds at most MAX_CATCH_UP messages and MAX_PAGE_BYTES of them) or more changes do. Transient
 * failures are retried with backoff while connected, `rate_limited` after the wait the server
 * states; resolves with the error message of a final refusal, or null.
 */
export async function joinAndCatchUp(room: string, target: JoinTarget): Promise<string | null> {
  for (let attempt = 0; target.live() && getSocket().connected; ) {
    const res = await request("room:join", { room, since: target.lastSeq(), sinceRev: target.rev() });
    if (!target.live()) return null;
    if (!res.ok) {
      if (!TRANSIENT.has(res.error.code)) return res.error.message;
      await sleep(res.error.retryAfterMs ?? backoffDelay(attempt++));
      continue;
    }
    target.onJoin(res);
    target.append(res.messages);
    target.changes(res);
    // A page that brought nothing cannot be followed by another: stop rather than loop.
    const more = res.messages.length > 0 && (res.hasMore ?? target.lastSeq() < res.room.lastSeq);
    if (!more && !res.hasMoreChanges) return null;
  }
  return null;
}
