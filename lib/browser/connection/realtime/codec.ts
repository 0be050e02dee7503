// Socket.IO v5 packets as text (https://socket.io/docs/v4/socket-io-protocol/), main namespace
// only. Binary packets (types 5 and 6) are refused: the chat's contract is JSON.

export type Packet =
  | { type: 0; data: unknown } // CONNECT (the server's answer holds the socket id)
  | { type: 1 } // DISCONNECT
  | { type: 2; data: [string, ...unknown[]] } // EVENT
  | { type: 3; id: number; data: unknown[] } // ACK
  | { type: 4; data: { message?: unknown; data?: unknown } }; // CONNECT_ERROR

/** Decodes one packet; undefined for another namespace's; throws on anything malformed. */
export function decodePacket(text: string): Packet | undefined {
  const match = /^([0-6])(\/[^,]*,)?(\d*)(.*)$/s.exec(text);
  if (!match) throw new Error("malformed packet");
  const [, type, nsp, id, json] = match;
  if (nsp && nsp !== "/,") return undefined;
  if (type === "5" || type === "6") throw new Error("binary packets are not supported");
  const data: unknown = json ? JSON.parse(json) : undefined;
  const object = typeof data === "object" && data !== null;
  if (type === "1") return { type: 1 };
  if (type === "2" && Array.isArray(data) && typeof data[0] === "string") return { type: 2, data: data as [string] };
  if (type === "3" && id && Array.isArray(data)) return { type: 3, id: Number(id), data };
  if ((type === "0" || type === "4") && object) return type === "0" ? { type: 0, data } : { type: 4, data };
  throw new Error("malformed packet");
}

export const encodeConnect = (auth: object) => `0${JSON.stringify(auth)}`;
export const DISCONNECT = "1";

/** An EVENT with an ack id; refuses binary values, which JSON would silently turn into `{}`. */
export function encodeEvent(id: number, args: unknown[]): string {
  return `2${id}${JSON.stringify(args, (_, value: unknown) => {
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value) || (typeof Blob !== "undefined" && value instanceof Blob)) {
      throw new TypeError("binary payloads are not supported");
    }
    return value;
  })}`;
}
