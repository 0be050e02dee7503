// What the engine needs from a transport. Both carry Engine.IO v4 packets as text; binary frames
// are refused (the chat's protocol is JSON only).

/** Why a connection ended, in Socket.IO's own words (what `disconnect` listeners receive). */
export type CloseReason =
  | "io server disconnect"
  | "io client disconnect"
  | "ping timeout"
  | "transport close"
  | "transport error"
  | "parse error";

export interface TransportHandlers {
  /** One Engine.IO packet, e.g. `0{...}` (open), `2` (ping), `4...` (message). */
  onPacket(packet: string): void;
  /** The transport failed or was closed by the other side; never called after `close()`. */
  onClose(reason: CloseReason, error: Error): void;
}

export interface Transport {
  /** Sends Engine.IO packets in order. */
  send(packets: string[]): void;
  /** Closes without calling back. */
  close(): void;
}

/** The part of the browser's WebSocket the client uses; tests pass `ws`'s. */
export interface WebSocketLike {
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(): void;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface TransportOptions {
  /** e.g. `http://localhost:3000/socket.io/?EIO=4`; each transport adds its own parameters. */
  endpoint: string;
  WebSocket?: WebSocketConstructor;
  fetch: typeof fetch;
  /** The server's `maxPayload`, once known: the largest POST body the polling transport may send. */
  maxPayload: () => number;
}
