/**
 * Whether a handshake's Origin header lets it open a socket: absent (not a browser: browsers
 * always send one with a WebSocket and with a cross-site request), or naming allowed origins only.
 * A client may send the header twice (Python's websocket client adds its own to the caller's),
 * which Node joins as "a, a"; RFC 6454 lists origins separated by spaces. Every listed origin
 * must be allowed, and an empty or garbled entry is refused: one foreign value refuses the whole.
 */
export function originAllowed(header: string | undefined, allowed: readonly string[]): boolean {
  if (header === undefined) return true;
  return header
    .trim()
    .split(/\s*,\s*|\s+/)
    .every((origin) => allowed.includes(origin));
}
