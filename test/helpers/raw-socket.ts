import WebSocket from "ws";

/**
 * A Socket.IO client written against the wire protocol (Engine.IO v4 over WebSocket) that can
 * do what a real client never does on purpose: stop answering heartbeats, as a laptop whose
 * network vanished would.
 */
export class RawSocket {
  private answerPings = true;
  private readonly ws: WebSocket;
  private pongTimer: NodeJS.Timeout | undefined;
  /** Every frame received, as text, in order. */
  readonly frames: string[] = [];
  /** Pings received from the server. */
  pings = 0;
  readonly closed: Promise<void>;
  readonly connected: Promise<void>;

  constructor(url: string, cookie: string) {
    const target = `${url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`;
    this.ws = new WebSocket(target, { headers: { cookie } });
    this.closed = new Promise((resolve) => this.ws.once("close", () => resolve()));
    void this.closed.then(() => clearInterval(this.pongTimer));
    this.connected = new Promise((resolve, reject) => {
      this.ws.on("message", (data) => {
        const frame = data.toString();
        this.frames.push(frame);
        if (frame === "2") this.pings++;
        if (frame.startsWith("0")) this.ws.send("40");
        else if (frame.startsWith("40")) resolve();
        else if (frame.startsWith("44")) reject(new Error(frame));
        else if (frame === "2" && this.answerPings) this.ws.send("3");
      });
      this.ws.once("error", reject);
    });
  }

  private nextAck = 0;

  /**
   * Sends an event with an acknowledgement id (the answer would be frame `43<id>[...]`), without
   * waiting for (or ever reading) the answer; ids count up from 0 unless one is given.
   */
  emit(event: string, payload: unknown, ackId = this.nextAck++): void {
    this.ws.send(`42${ackId}${JSON.stringify([event, payload])}`);
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** From now on the server's pings go unanswered, and nothing is closed. */
  goSilent(): void {
    this.answerPings = false;
  }

  /** Sends a pong every `ms` whether or not the server pinged: a client that fakes liveness. */
  sendPongsEvery(ms: number): void {
    this.pongTimer = setInterval(() => this.ws.send("3"), ms);
  }

  /** Stops reading from the TCP socket: what the server sends piles up in the kernel, then in the server. */
  stopReading(): void {
    this.ws.pause();
  }

  resumeReading(): void {
    this.ws.resume();
  }

  close(): void {
    clearInterval(this.pongTimer);
    this.ws.terminate();
  }

  send(frame: string): void {
    this.ws.send(frame);
  }

  /** The next frame from the server that `match` accepts, or null if the connection closes first. */
  nextFrame(match: (frame: string) => boolean): Promise<string | null> {
    return new Promise((resolve) => {
      const onMessage = (data: WebSocket.RawData) => {
        if (!match(data.toString())) return;
        this.ws.off("message", onMessage);
        resolve(data.toString());
      };
      this.ws.on("message", onMessage);
      void this.closed.then(() => resolve(null));
    });
  }
}
