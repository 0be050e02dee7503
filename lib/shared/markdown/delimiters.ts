import type { Emphasis } from "@/lib/shared/markdown/tokens";

export interface Delimiter {
  marker: "**" | "__" | "*" | "_" | "~~";
  kind: Emphasis;
  canOpen: boolean;
  canClose: boolean;
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * The emphasis marker at `i`, if any. As in CommonMark, an opener is followed by a non-space and
 * a closer preceded by one ("2 * 3 * 4" stays text), and `_` never works inside a word
 * (snake_case_names stay text).
 */
export function delimiterAt(src: string, i: number): Delimiter | null {
  const c = src[i];
  const double = src[i + 1] === c;
  let marker: Delimiter["marker"];
  if (c === "~") {
    if (!double) return null;
    marker = "~~";
  } else if (c === "*" || c === "_") {
    marker = double ? (c === "*" ? "**" : "__") : c;
  } else {
    return null;
  }
  const before = src[i - 1];
  const after = src[i + marker.length];
  const underscore = c === "_";
  return {
    marker,
    kind: marker === "~~" ? "del" : double ? "strong" : "em",
    canOpen: !isSpace(after) && !(underscore && isWordChar(before)),
    canClose: !isSpace(before) && !(underscore && isWordChar(after)),
  };
}
