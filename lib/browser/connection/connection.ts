"use client";

import { backoffDelay } from "@/lib/browser/connection/backoff";
import { dropConnection, type ClientSocket, type ConnectError } from "@/lib/browser/connection/socket";

/** connecting: never connected yet; connected; offline: was connected, trying to come back. */
export type ConnectionStatus = "connecting" | "connected" | "offline";

interface Handlers {
  onStatus: (status: ConnectionStatus) => void;
  /** The session is gone (signed out, expired): reconnecting cannot help. */
  onUnauthorized: () => void;
}

const refusalCode = (error: ConnectError) => (error.data as { code?: unknown } | undefined)?.code;

/**
 * Keeps `socket` connected for as long as it is watched. socket.io-client reconnects by itself
 * after a network failure, but not after the connection middleware refused it (`unavailable`) nor
 * after the server closed the socket: those are retried here, with backoff. The connection is also
 * dropped as soon as the browser goes offline. Returns the function that stops.
 */
export function watchConnection(socket: ClientSocket, { onStatus, onUnauthorized }: Handlers): () => void {
  let everConnected = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const lost = () => onStatus(everConnected ? "offline" : "connecting");

  const retryLater = () => {
    clearTimeout(timer);
    timer = setTimeout(() => socket.connect(), backoffDelay(attempt++));
  };
  const onConnect = () => {
    everConnected = true;
    attempt = 0;
    clearTimeout(timer);
    onStatus("connected");
  };
  // The server ended the session (account disabled, removed or password reset): no retry.
  let ended = false;
  const onSessionEnded = () => {
    ended = true;
    onUnauthorized();
  };
  const onDisconnect = (reason: string) => {
    lost();
    if (reason === "io server disconnect" && !ended) retryLater();
  };
  const onConnectError = (error: ConnectError) => {
    if (refusalCode(error) === "unauthorized") return onUnauthorized();
    lost();
    if (!socket.active) retryLater();
  };
  // socket.io-client closes on the browser's `offline` event only for hosts other than localhost.
  const onOffline = () => dropConnection(socket);
  // Back on the network: try now rather than at the end of a backoff that may have grown long.
  const onOnline = () => {
    if (socket.connected) return;
    clearTimeout(timer);
    socket.disconnect().connect();
  };

  socket.on("connect", onConnect);
  socket.on("disconnect", onDisconnect);
  socket.on("connect_error", onConnectError);
  socket.on("session:ended", onSessionEnded);
  window.addEventListener("online", onOnline);
  window.addEventListener("offline", onOffline);
  if (socket.connected) onConnect();
  return () => {
    clearTimeout(timer);
    socket.off("connect", onConnect);
    socket.off("disconnect", onDisconnect);
    socket.off("connect_error", onConnectError);
    socket.off("session:ended", onSessionEnded);
    window.removeEventListener("online", onOnline);
    window.removeEventListener("offline", onOffline);
  };
}
