import type { Transport, TransportHandlers, TransportOptions, WebSocketConstructor } from "@/lib/browser/connection/realtime/transport";

/** Engine.IO over one WebSocket: one packet per text frame. */
export function openWebSocket(options: TransportOptions & { WebSocket: WebSocketConstructor }, handlers: TransportHandlers): Transport {
  const ws = new options.WebSocket(`${options.endpoint.replace(/^http/, "ws")}&transport=websocket`);
  const fail = (reason: "transport close" | "transport error" | "parse error", message: string) => {
    detach();
    ws.close();
    handlers.onClose(reason, new Error(message));
  };
  // A no-op rather than null: Node's `ws` throws an error event nobody listens to.
  const detach = () => {
    ws.onmessage = ws.onclose = null;
    ws.onerror = () => undefined;
  };
  ws.onmessage = ({ data }) => (typeof data === "string" ? handlers.onPacket(data) : fail("parse error", "binary frames are not supported"));
  ws.onclose = () => fail("transport close", "websocket closed");
  ws.onerror = () => fail("transport error", "websocket error");
  return {
    send: (packets) => packets.forEach((p) => ws.send(p)),
    close: () => {
      detach();
      ws.close();
    },
  };
}
