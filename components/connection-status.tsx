import type { ConnectionStatus as Status } from "@/lib/client/connection";

/**
 * "Connected" means the socket is up and the room joined (its history caught up); until then
 * the room is still connecting. Offline, it says how many messages are waiting to go out.
 */
export function ConnectionStatus({ status, joined, pending }: { status: Status; joined: boolean; pending: number }) {
  const shown = status === "connected" && !joined ? "connecting" : status;
  const waiting = pending > 0 ? ` · ${pending} ${pending === 1 ? "message" : "messages"} waiting to send` : "";
  const text = { connecting: "Connecting…", connected: "Connected", offline: `Offline, reconnecting…${waiting}` }[shown];
  return (
    <p className="connection" role="status" data-testid="connection" data-status={shown}>
      {text}
    </p>
  );
}
