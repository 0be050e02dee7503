import type { CloseReason, Transport, TransportHandlers, TransportOptions, WebSocketConstructor } from "@/lib/browser/connection/realtime/transport";
import { openWebSocket } from "@/lib/browser/connection/realtime/websocket-transport";

/** How long the Engine.IO handshake may take, as socket.io-client's default `timeout`. */
const OPEN_TIMEOUT_MS = 20_000;

export interface EngineOptions {
  /** e.g. `http://localhost:3000/socket.io/` */
  url: string;
  WebSocket?: WebSocketConstructor;
  fetch: typeof fetch;
}

export interface EngineHandlers {
  onOpen(): void;
  /** The payload of an Engine.IO message packet: one Socket.IO packet. */
  onMessage(data: string): void;
  /** Ended by the server, the network or a protocol error, or it could not be opened at all. */
  onClose(reason: CloseReason, error: Error): void;
}

export interface Engine {
  /** Sends a message packet; false when the connection is not (or no longer) usable. */
  send(data: string): boolean;
  /** Closes without calling back. */
  close(): void;
}

/**
 * One Engine.IO v4 connection: WebSocket first and long-polling when the WebSocket cannot be
 * opened (blocked by a proxy, say), the handshake, and the heartbeat: the server pings, the
 * client answers, and silence beyond pingInterval + pingTimeout counts as a dead connection.
 */
export function openEngine(options: EngineOptions, handlers: EngineHandlers): Engine {
  const kinds = options.WebSocket ? ["websocket", "polling"] : ["polling"];
  let state: "opening" | "open" | "closed" = "opening";
  let transport: Transport | undefined;
  let maxPayload = 1e6;
  let heartbeat: ReturnType<typeof setTimeout> | undefined;
  let deadline = Infinity;
  let silence = 0;

  const end = (reason: CloseReason, error?: Error) => {
    if (state === "closed") return false;
    state = "closed";
    clearTimeout(openTimer);
    clearTimeout(heartbeat);
    globalThis.removeEventListener?.("offline", onOffline);
    transport?.close();
    if (error) handlers.onClose(reason, error);
    return true;
  };
  const openTimer = setTimeout(() => end("transport error", new Error("timeout")), OPEN_TIMEOUT_MS);
  // The browser knows the network is gone: the socket is dead even if nothing says so yet.
  const onOffline = () => end("transport close", new Error("network connection lost"));

  const alive = () => {
    clearTimeout(heartbeat);
    deadline = Date.now() + silence;
    heartbeat = setTimeout(() => end("ping timeout", new Error("ping timeout")), silence);
  };
  const onHandshake = (json: string) => {
    const data = JSON.parse(json) as { pingInterval: number; pingTimeout: number; maxPayload: number };
    silence = data.pingInterval + data.pingTimeout;
    maxPayload = data.maxPayload;
    state = "open";
    clearTimeout(openTimer);
    alive();
    handlers.onOpen();
  };

  const transportHandlers: TransportHandlers = {
    onPacket(packet) {
      try {
        const type = packet[0];
        if (type === "0" && state === "opening") onHandshake(packet.slice(1));
        else if (state !== "open") throw new Error(`unexpected packet ${type}`);
        else if (type === "2") {
          transport!.send(["3"]);
          alive();
        } else if (type === "4") handlers.onMessage(packet.slice(1));
        else if (type === "1") end("transport close", new Error("closed by the server"));
        else if (type !== "6") throw new Error(`unexpected packet ${type}`);
      } catch (error) {
        end("parse error", error as Error);
      }
    },
    onClose(reason, error) {
      // Not opened yet: try the next transport, as socket.io-client's `tryAllTransports`.
      if (state === "opening" && kinds.length > 0) return next();
      end(reason, error);
    },
  };
  const next = () => {
    const transportOptions: TransportOptions = { endpoint: `${options.url}?EIO=4`, fetch: options.fetch, maxPayload: () => maxPayload };
    if (kinds.shift() === "websocket") {
      transport = openWebSocket({ ...transportOptions, WebSocket: options.WebSocket! }, transportHandlers);
      return;
    }
    // Only a network that blocks WebSockets needs long-polling: its code is fetched then, and
    // stays out of the page's first load.
    transport = undefined;
    import("@/lib/browser/connection/realtime/polling-transport").then(
      ({ openPolling }) => void (state === "opening" && (transport = openPolling(transportOptions, transportHandlers))),
      (error: Error) => end("transport error", error),
    );
  };

  globalThis.addEventListener?.("offline", onOffline);
  next();
  return {
    send(data) {
      if (state !== "open") return false;
      // A timer held back in a background tab may not have fired yet: the clock decides.
      if (Date.now() > deadline) {
        setTimeout(() => end("ping timeout", new Error("ping timeout")));
        return false;
      }
      transport!.send([`4${data}`]);
      return true;
    },
    // No error: the owner closed it and needs no call back.
    close: () => void end("io client disconnect"),
  };
}
