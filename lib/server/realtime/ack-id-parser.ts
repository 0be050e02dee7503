import { EventEmitter } from "node:events";
import { Decoder, Encoder, type Packet } from "socket.io-parser";

// socket.io-parser reads an ack id as Number(digits), so an id past 2^53 - 1 loses its value and
// came back as `1e+21`: the client could not match the answer to its request. This parser is
// Socket.IO's own (its `parser` server option) with one more rule on what it decodes; the encoder
// is socket.io-parser's, so what the server writes (direct-broadcast.ts included) is unchanged.

/** Decodes as socket.io-parser does, and refuses a packet whose ack id is not a safe integer. */
class AckIdDecoder extends EventEmitter {
  private readonly decoder = new Decoder();

  constructor() {
    super();
    // Runs inside `add`: the error reaches Socket.IO's client, which closes the connection
    // as it does for any malformed packet (socket.io/dist/client.js, `ondata`).
    this.decoder.on("decoded", (packet: Packet) => {
      if (packet.id !== undefined && !Number.isSafeInteger(packet.id)) throw new Error("ack id is not a safe integer");
      this.emit("decoded", packet);
    });
  }

  add(chunk: unknown): void {
    this.decoder.add(chunk);
  }

  destroy(): void {
    this.decoder.destroy();
  }
}

/** For `new Server(http, { parser: ackIdParser })`. */
export const ackIdParser = { Encoder, Decoder: AckIdDecoder };
