"use client";

import { usePathname } from "next/navigation";
import { useMemo, useState } from "react";
import { PaneContext, type PaneControl } from "@/lib/browser/rooms/pane-context";

/**
 * The two panes: rooms and conversations, and the open room. On a phone (CSS, ≤ 640 px) one at a
 * time: /chat opens on the room list, any other room on the room, and every navigation shows
 * the room it leads to.
 */
export function ChatShell({ side, children }: { side: React.ReactNode; children: React.ReactNode }) {
  const pathname = usePathname();
  const [pane, setPane] = useState({ path: pathname, list: pathname === "/chat" });
  if (pane.path !== pathname) setPane({ path: pathname, list: false });
  const control = useMemo<PaneControl>(
    () => ({ showList: () => setPane({ path: pathname, list: true }), showRoom: () => setPane({ path: pathname, list: false }) }),
    [pathname],
  );
  return (
    <PaneContext value={control}>
      <div className="chat" data-pane={pane.list ? "list" : "room"}>
        <div className="chat-side">{side}</div>
        <main className="chat-main">{children}</main>
      </div>
    </PaneContext>
  );
}
