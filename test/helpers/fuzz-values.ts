// Hostile values for the fuzz test, drawn from a seeded generator so every run sends the same.

/** mulberry32: a small deterministic PRNG. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const int = (rand: Rand, max: number) => Math.floor(rand() * max);

function deep(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) value = i % 2 ? { nested: value } : [value];
  return value;
}

/** Own `__proto__` and `constructor` keys, as JSON.parse makes them (a literal would set the prototype). */
export const pollution = (): Record<string, unknown> =>
  JSON.parse('{"__proto__": {"polluted": "yes", "isAdmin": true}, "constructor": {"prototype": {"polluted": "yes"}}}') as Record<
    string,
    unknown
  >;

export function loneSurrogates(rand: Rand): string {
  return pick(rand, ["\ud800", "a\udc00b", "lobby\ud83d", "\udfff\ud800", `${"x".repeat(int(rand, 50))}\ud834`]);
}

/**
 * A value that no field of the protocol accepts (every field is a bounded string, a safe
 * non-negative integer, an enum or a boolean; booleans are left out for that last one's sake).
 */
export function invalidValue(rand: Rand): unknown {
  switch (int(rand, 10)) {
    case 0: return null;
    case 1: return deep(1 + int(rand, 300));
    case 2: return Array.from({ length: int(rand, 20) }, () => int(rand, 1000));
    case 3: return Buffer.from(Array.from({ length: 1 + int(rand, 512) }, () => int(rand, 256)));
    case 4: return pollution();
    case 5: return loneSurrogates(rand);
    case 6: return "x".repeat(8_001 + int(rand, 30_000));
    case 7: return pick(rand, [-1, -1.5, 1e300, 0.5]);
    case 8: return { $ne: null, $gt: "" };
    default: return pick(rand, [{}, [], "", " ", "\t\n"]);
  }
}

/** Anything at all, valid or not, for unknown events and ack-less emits. */
export function anyValue(rand: Rand): unknown {
  const plain = [true, false, 0, 42, "lobby", { room: "lobby" }, undefined, "\u0000", "DROP TABLE Message;--"];
  return rand() < 0.5 ? invalidValue(rand) : pick(rand, plain);
}
