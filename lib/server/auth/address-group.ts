import { isIPv4, isIPv6 } from "node:net";

/**
 * The unit an attacker holds addresses in, for counting sign-in attempts: an IPv4 address alone,
 * an IPv6 address's /64 (one subscriber usually gets a whole /64, so its 2^64 addresses count as
 * one), an IPv4-mapped IPv6 address as its IPv4. Anything else ("unknown") is its own group.
 */
export function addressGroup(address: string): string {
  const plain = address.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  if (isIPv4(plain)) return plain;
  if (!isIPv6(plain)) return address;
  const hextets = expandIPv6(plain);
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = hextets;
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) return `${g >> 8}.${g & 255}.${h >> 8}.${h & 255}`;
  return `${[a, b, c, d].map((x) => x.toString(16)).join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` filled, a trailing dotted IPv4 split in two). */
function expandIPv6(address: string): number[] {
  const [head = "", tail] = address.split("::");
  const parts = (text: string) => (text ? text.split(":").flatMap(hextetsOf) : []);
  const left = parts(head);
  const right = tail === undefined ? [] : parts(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function hextetsOf(part: string): number[] {
  if (!part.includes(".")) return [parseInt(part, 16)];
  const [w = 0, x = 0, y = 0, z = 0] = part.split(".").map(Number);
  return [(w << 8) | x, (y << 8) | z];
}
