import { io, type Socket } from "socket.io-client";
import type { ChatMessage, ClientToServerEvents, ServerToClientEvents } from "@/lib/shared/protocol";
import { signIn, signOut } from "./sign-in";

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Signs in through NextAuth's form flow (test/helpers/sign-in.ts); returns the Cookie header, or null when refused. */
export async function login(url: string, username: string, password: string): Promise<string | null> {
  return (await signIn(url, { username, password })).cookie;
}

/** Signs out through NextAuth's form flow, with the session's own cookies. */
export async function logout(url: string, cookie: string): Promise<void> {
  await signOut(url, cookie);
}

export async function loginOrFail(url: string, username: string): Promise<string> {
  const cookie = await login(url, username, `${username}-password`);
  if (!cookie) throw new Error(`could not sign in as ${username}`);
  return cookie;
}

interface ConnectOptions {
  cookie?: string;
  origin?: string;
  auth?: Record<string, unknown>;
  transports?: ("websocket" | "polling")[];
}

export function socketFor(url: string, options: ConnectOptions = {}): TestSocket {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.origin) headers.origin = options.origin;
  return io(url, {
    transports: options.transports ?? ["websocket"],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
    auth: options.auth ?? {},
  });
}

/** Connects; resolves with the socket, or rejects with the connect_error. */
export function connect(url: string, options: ConnectOptions = {}): Promise<TestSocket> {
  const socket = socketFor(url, options);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}

export async function connectAs(url: string, username: string): Promise<TestSocket> {
  return connect(url, { cookie: await loginOrFail(url, username) });
}

/** Signs in, connects and joins `room` (the lobby by default); fails if any step does. */
export async function connectJoined(url: string, username: string, room = "lobby"): Promise<TestSocket> {
  const socket = await connectAs(url, username);
  const res = await call(socket, "room:join", { room });
  if (!res.ok) throw new Error(`${username} could not join ${room}: ${res.error.code}`);
  return socket;
}

/** Emits with an acknowledgement; fails the test if none comes within 10 s. */
export function call<E extends keyof ClientToServerEvents>(
  socket: TestSocket,
  event: E,
  payload: unknown,
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return (socket.timeout(10_000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<never> }).emitWithAck(
    event,
    payload,
  );
}

/** Collects every message:new a socket receives. */
export function collect(socket: TestSocket): ChatMessage[] {
  const received: ChatMessage[] = [];
  socket.on("message:new", (m) => received.push(m));
  return received;
}

/** Resolves once `predicate` holds, checking after every event of the socket; rejects after 10 s. */
export function until(socket: TestSocket, predicate: () => boolean, what = "condition"): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!predicate()) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${what}`));
    }, 10_000);
    // onAny runs before the event's own listeners: look once they have run.
    const later = () => setImmediate(check);
    const cleanup = () => {
      clearTimeout(timer);
      socket.offAny(later);
    };
    socket.onAny(later);
    check();
  });
}

let counter = 0;
export const clientId = (prefix = "c") => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

/** Resolves once `predicate` holds, polling; rejects after `ms`. For state that no socket event announces (acks). */
export async function waitFor(predicate: () => boolean, what = "condition", ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
