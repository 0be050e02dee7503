"use client";

import type { ConnectionStatus as Status } from "@/lib/browser/connection/connection";
import { useBrowserOnline, useReconnectAttempt, useWaitingCount } from "@/lib/browser/connection/use-connection-detail";
import { useTransport } from "@/lib/browser/connection/use-transport";

/**
 * "Connected" means the socket is up and the room joined (its history caught up); until then
 * the room is still connecting. Once lost: "Offline" while the browser has no network, else
 * "Reconnecting" with the attempt under way; either way, how many messages wait to go out.
 */
export function ConnectionStatus({ status, joined }: { status: Status; joined: boolean }) {
  const online = useBrowserOnline();
  const attempt = useReconnectAttempt();
  const pending = useWaitingCount();
  // For support and tests: whether a proxy has pushed the tab onto long-polling.
  const transport = useTransport();
  const shown = status === "connected" ? (joined ? "connected" : "connecting") : status === "offline" ? (online ? "reconnecting" : "offline") : status;
  const waiting = pending > 0 ? ` · ${pending} ${pending === 1 ? "message" : "messages"} waiting to send` : "";
  const text = {
    connecting: "Connecting…",
    connected: "Connected",
    reconnecting: `Reconnecting… (attempt ${attempt})${waiting}`,
    offline: `Offline${waiting}`,
  }[shown];
  return (
    <p className="connection" role="status" data-testid="connection" data-status={shown} data-transport={transport}>
      {text}
    </p>
  );
}
