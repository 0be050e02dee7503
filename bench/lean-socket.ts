// A Socket.IO connection opened on a bare TCP socket, for the `connections` scenario: the same
// handshake a browser makes (HTTP upgrade with the session cookie and Origin, a fresh random
// Sec-WebSocket-Key checked against the server's Sec-WebSocket-Accept, the Engine.IO open packet
// `0` answered with the Socket.IO connect `40`, masked as a client must), without the `ws`
// client's objects per socket, so the generator spends less of the shared cores per handshake.
// It answers pings (`2` with `3`) and nothing else: the sockets it opens stay idle.
import { createHash, randomBytes } from "node:crypto";
import net from "node:net";

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
let pool: Buffer = Buffer.alloc(0);

/** Random bytes for keys and masks, drawn from a pool refilled 64 KB at a time. */
function random(n: number): Buffer {
  if (pool.length < n) pool = randomBytes(65_536);
  const bytes = pool.subarray(0, n);
  pool = pool.subarray(n);
  return bytes;
}

/** A masked text frame (a client's frames must be masked); `text` is ASCII and under 126 bytes. */
function frame(text: string): Buffer {
  const out = Buffer.allocUnsafe(6 + text.length);
  out[0] = 0x81;
  out[1] = 0x80 | text.length;
  random(4).copy(out, 2);
  for (let i = 0; i < text.length; i++) out[6 + i] = text.charCodeAt(i) ^ out[2 + (i & 3)]!;
  return out;
}

/** Splits complete frames off `buffer`; returns the text frames' payloads and the rest. */
function frames(buffer: Buffer): { texts: string[]; rest: Buffer; closed: boolean } {
  const texts: string[] = [];
  let at = 0;
  let closed = false;
  while (buffer.length - at >= 2) {
    const opcode = buffer[at]! & 0x0f;
    let length = buffer[at + 1]! & 0x7f;
    let header = 2;
    if (length === 126) {
      if (buffer.length - at < 4) break;
      length = buffer.readUInt16BE(at + 2);
      header = 4;
    } else if (length === 127) {
      if (buffer.length - at < 10) break;
      length = Number(buffer.readBigUInt64BE(at + 2));
      header = 10;
    }
    if (buffer.length - at < header + length) break;
    if (opcode === 0x1) texts.push(buffer.toString("utf8", at + header, at + header + length));
    if (opcode === 0x8) closed = true;
    at += header + length;
  }
  return { texts, rest: buffer.subarray(at), closed };
}

/** Opens one signed-in socket; resolves once the server has answered `40` (connected). */
export function openLean(url: string, origin: string, cookie: string | undefined): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  const key = random(16).toString("base64");
  const accept = createHash("sha1").update(key + GUID).digest("base64");
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port), noDelay: true });
    let buffer: Buffer = Buffer.alloc(0);
    let upgraded = false;
    let connected = false;
    const fail = (error: Error) => {
      socket.destroy();
      if (!connected) reject(error);
    };
    socket.once("connect", () => {
      const headers = [
        "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1",
        `Host: ${hostname}:${port}`,
        "Connection: Upgrade",
        "Upgrade: websocket",
        "Sec-WebSocket-Version: 13",
        `Sec-WebSocket-Key: ${key}`,
        `Origin: ${origin}`,
        ...(cookie ? [`Cookie: ${cookie}`] : []),
      ];
      socket.write(`${headers.join("\r\n")}\r\n\r\n`);
    });
    socket.on("data", (chunk: Buffer) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      if (!upgraded) {
        const end = buffer.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = buffer.toString("latin1", 0, end);
        if (!head.startsWith("HTTP/1.1 101")) return fail(new Error(`upgrade refused: ${head.split("\r\n")[0]}`));
        if (/\r\nsec-websocket-accept:\s*(\S+)/i.exec(head)?.[1] !== accept) return fail(new Error("wrong Sec-WebSocket-Accept"));
        upgraded = true;
        buffer = buffer.subarray(end + 4);
      }
      const { texts, rest, closed } = frames(buffer);
      buffer = rest;
      for (const text of texts) {
        if (text === "2") socket.write(frame("3"));
        else if (text.startsWith("0")) socket.write(frame("40"));
        else if (text.startsWith("40") && !connected) {
          connected = true;
          resolve(socket);
        } else if (text.startsWith("44")) fail(new Error(`connect refused: ${text}`));
      }
      if (closed) fail(new Error("closed by the server"));
    });
    socket.once("error", fail);
    socket.once("close", () => {
      if (!connected) reject(new Error("closed before connecting"));
    });
  });
}
