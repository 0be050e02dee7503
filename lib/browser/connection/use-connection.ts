"use client";

import { useEffect, useState } from "react";
import { signOut } from "@/lib/browser/auth/auth-client";
import { watchConnection, type ConnectionStatus } from "@/lib/browser/connection/connection";
import { getSocket } from "@/lib/browser/connection/socket";
import { returnToWebSocket } from "@/lib/browser/connection/websocket-return";

/** Opens the tab's socket while the chat is on screen and reports its state. */
export function useConnection(): ConnectionStatus {
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  useEffect(() => {
    const socket = getSocket();
    const stop = watchConnection(socket, {
      onStatus: setStatus,
      // The socket refuses a session the pages may still accept (its user was deleted, say):
      // signing out clears the cookie, so /login shows the form instead of sending us back here.
      onUnauthorized: () => void signOut(),
    });
    const stopReturning = returnToWebSocket(socket);
    socket.connect();
    return () => {
      stop();
      stopReturning();
      socket.disconnect();
    };
  }, []);
  return status;
}
