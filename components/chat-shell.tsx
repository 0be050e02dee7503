"use client";

import { usePathname } from "next/navigation";
import { useMemo, useState } from "react";
import { PaneContext, type PaneControl } from "@/lib/browser/rooms/pane-context";

/**
 * The two panes: rooms and conversations, and the open room. On a phone (CSS, ≤ 640 px) one at a
 * time: /chat opens on the room list, any other room on the room, and every navigation shows
 * the room it leads to. The message search, open, takes the whole screen there.
 */
export function ChatShell({ side, children }: { side: React.ReactNode; children: React.ReactNode }) {
  const pathname = usePathname();
  const [pane, setPane] = useState({ path: pathname, list: pathname === "/chat", search: false });
  if (pane.path !== pathname) setPane({ path: pathname, list: false, search: false });
  const control = useMemo<PaneControl>(
    () => ({
      showList: () => setPane({ path: pathname, list: true, search: false }),
      showRoom: () => setPane({ path: pathname, list: false, search: false }),
      searching: pane.search,
      openSearch: () => setPane((p) => (p.search ? p : { ...p, search: true })),
      closeSearch: () => setPane((p) => (p.search ? { ...p, search: false } : p)),
    }),
    [pathname, pane.search],
  );
  return (
    <PaneContext value={control}>
      <div className="chat" data-pane={pane.list ? "list" : "room"} data-search={pane.search ? "open" : undefined}>
        <div className="chat-side">{side}</div>
        <main className="chat-main">{children}</main>
      </div>
    </PaneContext>
  );
}
