import { connect } from "node:net";

export interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/**
 * Sends `head` (request line and headers, without the blank line) as written, on its own TCP
 * connection (with `Connection: close` unless `head` has a Connection header), and reads the
 * response until the server closes the connection. For requests fetch cannot make, such as `OPTIONS *`.
 */
export function rawRequest(port: number, head: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const close = /^connection:/im.test(head) ? "" : "\r\nConnection: close";
    const socket = connect(port, "127.0.0.1", () => socket.write(`${head}${close}\r\n\r\n`));
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${head.split("\r\n")[0]}`)));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.once("error", reject);
    socket.once("close", () => {
      const text = Buffer.concat(chunks).toString();
      const split = text.indexOf("\r\n\r\n");
      const [statusLine, ...lines] = text.slice(0, split).split("\r\n");
      const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
      resolve({ status: Number(statusLine?.split(" ")[1]), headers, body: text.slice(split + 4) });
    });
  });
}
