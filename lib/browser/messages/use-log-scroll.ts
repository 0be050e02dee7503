"use client";

import { useCallback, useLayoutEffect, useRef, useState } from "react";
import type { RoomView } from "@/lib/browser/rooms/use-room";

const NEAR_BOTTOM_PX = 80;

interface Options {
  state: RoomView;
  lastReadSeq: number;
  /** A permalink's message: the list scrolls to it (centred) the first time it is shown. */
  target: number | null;
  hasOlder: boolean;
  loadOlder: () => Promise<void>;
}

/**
 * The message list's scrolling: opens at the "new messages" line (or the bottom), keeps the view
 * still when older messages are prepended, follows new ones while at the bottom or after the
 * user's own send, and knows the last message seen at the bottom (for "jump to latest").
 */
export function useLogScroll({ state, lastReadSeq, target, hasOlder, loadOlder }: Options) {
  const ref = useRef<HTMLDivElement>(null);
  const firstSeq = state.messages[0]?.seq;
  const lastSeq = state.messages.at(-1)?.seq ?? 0;
  const pending = state.pending.length;
  const snapshot = useRef({ firstSeq, pending, height: 0, top: 0, anchor: 0, nearBottom: true });
  const [atBottom, setAtBottom] = useState(true);
  const [seenSeq, setSeenSeq] = useState(lastSeq);
  const shownTarget = useRef(false);

  const record = useCallback(
    (el: HTMLElement) => {
      const nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
      const anchor = (itemOf(el, firstSeq)?.offsetTop ?? 0) - el.scrollTop;
      snapshot.current = { firstSeq, pending, height: el.scrollHeight, top: el.scrollTop, anchor, nearBottom };
      setAtBottom(nearBottom);
      if (nearBottom) setSeenSeq(lastSeq);
    },
    [firstSeq, lastSeq, pending],
  );

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const before = snapshot.current;
    if (before.height === 0) {
      openAt(el, lastReadSeq);
      if (el.scrollHeight - el.scrollTop - el.clientHeight >= NEAR_BOTTOM_PX) setSeenSeq(lastReadSeq);
    } else if (before.firstSeq !== firstSeq) {
      // Older messages came in above: the message that was first stays where it was on screen
      // (measured on the item: its header may have gone, now that it continues a group).
      const anchor = itemOf(el, before.firstSeq);
      el.scrollTop = anchor ? anchor.offsetTop - before.anchor : before.top + (el.scrollHeight - before.height);
    } else if (before.nearBottom || pending > before.pending) {
      el.scrollTop = el.scrollHeight;
    }
    // Once, when the permalink's message is first on screen (maybe only after its page came in).
    if (target !== null && !shownTarget.current) shownTarget.current = showItem(el, target);
    record(el);
  }, [firstSeq, lastReadSeq, pending, record, state, target]);

  // The list changes size without new messages: shown after being hidden (the phone's room list),
  // or a growing composer. Whoever was at the bottom stays there.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      if (snapshot.current.height === 0) openAt(el, lastReadSeq);
      else if (snapshot.current.nearBottom) el.scrollTop = el.scrollHeight;
      else return;
      record(el);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [lastReadSeq, record]);

  const onScroll = () => {
    const el = ref.current;
    if (!el) return;
    record(el);
    if (el.scrollTop < 40 && hasOlder) void loadOlder();
  };

  const jump = () => {
    const el = ref.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    // The button goes away: focus stays in the list rather than falling back to the page.
    el.focus();
    record(el);
  };

  return { ref, atBottom, seenSeq, jump, onScroll };
}

const itemOf = (el: HTMLElement, seq: number | undefined) => (seq === undefined ? null : el.querySelector<HTMLElement>(`[data-seq="${seq}"]`));

/** Centres message `seq` in the list and focuses it (for screen readers and the keyboard); false when it is not there. */
function showItem(el: HTMLElement, seq: number): boolean {
  const item = itemOf(el, seq);
  if (!item) return false;
  el.scrollTop = item.offsetTop - (el.clientHeight - item.offsetHeight) / 2;
  item.focus({ preventScroll: true });
  return true;
}

/** The first screen: the "new messages" line near the top when there is one, else the newest message. */
function openAt(el: HTMLElement, lastReadSeq: number): void {
  const line = el.querySelector<HTMLElement>("[data-testid=new-messages]");
  el.scrollTop = line && lastReadSeq > 0 ? line.offsetTop - 8 : el.scrollHeight;
}
