// The baseline: a bare Socket.IO relay of the same contract as the chat server, with no
// authentication, validation or storage. `room:join` joins the room and answers an empty page;
// `message:send` broadcasts `message:new` with a fabricated message object and acknowledges it.
// Usage: PORT=4000 node --import tsx bench/baseline-server.ts
import { createServer } from "node:http";
import { Server } from "socket.io";

const port = Number(process.env.PORT ?? 4000);
const httpServer = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain" });
  res.end("baseline");
});
const io = new Server(httpServer, { serveClient: false });
const seqs = new Map<string, number>();
let nextId = 1;

io.on("connection", (socket) => {
  socket.on("room:join", (payload: { room: string }, ack: (answer: unknown) => void) => {
    void socket.join(payload.room);
    const now = new Date().toISOString();
    ack({
      ok: true,
      room: { slug: payload.room, name: payload.room, visibility: "public", lastSeq: seqs.get(payload.room) ?? 0, lastReadSeq: 0, unread: 0, createdAt: now },
      messages: [],
      online: [],
    });
  });
  socket.on("message:send", (payload: { room: string; text: string; clientId: string }, ack: (answer: unknown) => void) => {
    const seq = (seqs.get(payload.room) ?? 0) + 1;
    seqs.set(payload.room, seq);
    const message = {
      id: nextId++,
      room: payload.room,
      seq,
      clientId: payload.clientId,
      text: payload.text,
      author: { id: 1, username: "someone", name: "Someone" },
      createdAt: new Date().toISOString(),
    };
    io.to(payload.room).emit("message:new", message);
    ack({ ok: true, message });
  });
});

httpServer.listen(port, "127.0.0.1", () => console.log(`baseline relay on http://127.0.0.1:${port}`));
process.on("SIGTERM", () => {
  void io.close();
  process.exit(0);
});
