import { backoffDelay } from "@/lib/browser/connection/backoff";
import { createAcks } from "@/lib/browser/connection/realtime/acks";
import { DISCONNECT, decodePacket, encodeConnect, encodeEvent, type Packet } from "@/lib/browser/connection/realtime/codec";
import { openEngine, type Engine } from "@/lib/browser/connection/realtime/engine";
import { createListeners } from "@/lib/browser/connection/realtime/listeners";
import type { CloseReason, WebSocketConstructor } from "@/lib/browser/connection/realtime/transport";

/** A failed connection attempt; `data` is what the server's middleware refused it with. */
export type ConnectError = Error & { data?: unknown };

interface ReservedEvents {
  connect: () => void;
  disconnect: (reason: CloseReason) => void;
  connect_error: (error: ConnectError) => void;
}
export type PayloadOf<F> = F extends (payload: infer P, ack: never) => void ? P : never;
type AnswerOf<F> = F extends (payload: never, ack: (answer: infer A) => void) => void ? A : never;

/** A Socket.IO client socket, as much of one as the chat uses. */
export interface RealtimeSocket<Listen, Emit> {
  readonly connected: boolean;
  /** Connecting, connected or reconnecting: false after `disconnect()`, a refusal or the server's DISCONNECT. */
  readonly active: boolean;
  connect(): RealtimeSocket<Listen, Emit>;
  disconnect(): RealtimeSocket<Listen, Emit>;
  on<E extends keyof (ReservedEvents & Listen)>(event: E, listener: (ReservedEvents & Listen)[E]): void;
  off<E extends keyof (ReservedEvents & Listen)>(event: E, listener: (ReservedEvents & Listen)[E]): void;
  /** Sends an event with an ack id; rejects when not connected, after `timeoutMs`, or when the connection drops. */
  emitWithAck<E extends keyof Emit & string>(event: E, payload: PayloadOf<Emit[E]>, timeoutMs?: number): Promise<AnswerOf<Emit[E]>>;
}

export interface RealtimeOptions {
  /** The server's origin; the page's own by default. */
  url?: string;
  /** The CONNECT packet's payload, asked for at each attempt. */
  auth: () => object;
  /** The browser's by default; Node tests pass `ws`'s. */
  WebSocket?: WebSocketConstructor;
  fetch?: typeof fetch;
}

/**
 * The main namespace of a Socket.IO v5 server: connects when asked, reconnects after a lost
 * connection with backoff (0.5 to 1 s, doubling up to 5 s, jittered, near socket.io-client's),
 * but not after the server refused (`connect_error` with data) or closed it (`io server
 * disconnect`): that is the owner's call. Nothing is buffered while disconnected: an emit then
 * rejects at once.
 */
export function createRealtimeSocket<Listen, Emit>(options: RealtimeOptions): RealtimeSocket<Listen, Emit> {
  const listeners = createListeners();
  const acks = createAcks();
  let engine: Engine | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let connected = false;
  let active = false;

  const emit = (event: string, ...args: unknown[]) => listeners.emit(event, ...args);
  const lose = (reason: CloseReason) => {
    if (!connected) return;
    connected = false;
    emit("disconnect", reason);
    acks.rejectAll(new Error("socket has been disconnected"));
  };
  const stop = () => {
    active = false;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    engine?.close();
    engine = undefined;
  };
  const retry = () => {
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      open();
    }, backoffDelay(attempt++, { maxMs: 5000 }));
  };

  const onPacket = (packet: Packet) => {
    if (packet.type === 0) {
      connected = true;
      emit("connect");
    } else if (packet.type === 1) {
      stop();
      lose("io server disconnect");
    } else if (packet.type === 2) {
      if (connected) emit(...packet.data);
    } else if (packet.type === 3) {
      acks.resolve(packet.id, packet.data[0]);
    } else {
      stop();
      emit("connect_error", Object.assign(new Error(String(packet.data.message)), { data: packet.data.data }));
    }
  };

  const open = () => {
    const origin = options.url ?? location.origin;
    const current = openEngine(
      { url: `${origin}/socket.io/`, WebSocket: options.WebSocket ?? globalThis.WebSocket, fetch: options.fetch ?? fetch.bind(globalThis) },
      {
        onOpen() {
          attempt = 0;
          current.send(encodeConnect(options.auth()));
        },
        onMessage(data) {
          const packet = decodePacket(data);
          if (packet) onPacket(packet);
        },
        onClose(reason, error) {
          if (engine !== current) return;
          engine = undefined;
          // A connection that never reached CONNECT is a failed attempt, as one that never opened.
          if (connected) lose(reason);
          else emit("connect_error", error);
          // Unless a listener has just disconnected or reconnected the socket itself.
          if (active && !engine) retry();
        },
      },
    );
    engine = current;
  };

  const socket: RealtimeSocket<Listen, Emit> = {
    get connected() {
      return connected;
    },
    get active() {
      return active;
    },
    connect() {
      active = true;
      if (!engine && !retryTimer) open();
      return socket;
    },
    disconnect() {
      if (connected) engine?.send(DISCONNECT);
      stop();
      lose("io client disconnect");
      return socket;
    },
    on: (event, listener) => listeners.on(event as string, listener as never),
    off: (event, listener) => listeners.off(event as string, listener as never),
    emitWithAck(event, payload, timeoutMs) {
      if (!connected) return Promise.reject(new Error("not connected"));
      const { id, answer } = acks.add(timeoutMs);
      try {
        if (!engine?.send(encodeEvent(id, [event, payload]))) acks.reject(id, new Error("not connected"));
      } catch (error) {
        acks.reject(id, error as Error);
      }
      return answer as Promise<never>;
    },
  };
  return socket;
}
