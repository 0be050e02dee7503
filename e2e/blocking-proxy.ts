// An HTTP proxy on loopback for one browser context, as a corporate proxy stands between a user and
// the chat: plain requests are forwarded; WebSockets go through CONNECT tunnels (Chromium tunnels
// them through an HTTP proxy), which it refuses with 403 while WebSockets are blocked. It can also
// refuse everything (the network is gone) and cut the connections it carries.
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";

export interface BlockingProxy {
  /** For `browser.newContext({ proxy: { server } })`. */
  server: string;
  /** When each CONNECT (a WebSocket) was asked for, in ms since the epoch. */
  tunnelsAsked: number[];
  set(mode: "open" | "no-websocket" | "down"): void;
  /** Drops every connection under way, as a server closing them would. */
  cut(): void;
  close(): Promise<void>;
}

export async function startBlockingProxy(mode: "open" | "no-websocket" | "down" = "open"): Promise<BlockingProxy> {
  const sockets = new Set<Socket>();
  const tunnelsAsked: number[] = [];
  const track = (socket: Socket) => {
    // A kept-alive upstream socket is handed out again for later requests.
    if (sockets.has(socket)) return;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };

  const proxy: Server = createServer((req, res) => {
    if (mode === "down") return void res.writeHead(502).end();
    const target = new URL(req.url ?? "/");
    const upstream = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (answer: IncomingMessage) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("socket", track);
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  proxy.on("connection", track);
  proxy.on("connect", (req: IncomingMessage, client: Socket) => {
    tunnelsAsked.push(Date.now());
    if (mode !== "open") return void client.end("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n");
    const [host, port] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host === "localhost" ? "127.0.0.1" : host!, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.pipe(client).pipe(upstream);
    });
    track(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));

  return {
    server: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    tunnelsAsked,
    set: (next) => void (mode = next),
    cut: () => sockets.forEach((s) => s.destroy()),
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
