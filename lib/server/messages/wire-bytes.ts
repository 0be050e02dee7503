// The size of a value as the wire carries it: the UTF-8 bytes of its JSON, counted without
// building the JSON. Pages are cut at a byte budget (MAX_PAGE_BYTES), and a text's wire size is
// not its length: a control character is escaped to six bytes ("\u0001"), a CJK one takes three.

/** UTF-8 bytes of `s` as a JSON string, quotes included (JSON.stringify's escaping). */
export function jsonStringBytes(s: string): number {
  let bytes = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) bytes += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
    else if (c === 0x22 || c === 0x5c) bytes += 2;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLow(s.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += c >= 0xd800 && c <= 0xdfff ? 6 : 3; // a lone surrogate is escaped
  }
  return bytes;
}

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** UTF-8 bytes of JSON.stringify(value) for plain data (objects, arrays, strings, finite numbers, booleans, null). */
export function jsonBytes(value: unknown): number {
  if (typeof value === "string") return jsonStringBytes(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value).length : 4;
  if (typeof value === "boolean") return value ? 4 : 5;
  if (value === null || typeof value !== "object") return 4;
  if (Array.isArray(value)) {
    let bytes = value.length > 1 ? value.length + 1 : 2;
    for (const item of value) bytes += item === undefined ? 4 : jsonBytes(item);
    return bytes;
  }
  let bytes = 2;
  let fields = 0;
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (field === undefined || typeof field === "function") continue;
    bytes += jsonStringBytes(key) + 1 + jsonBytes(field);
    fields++;
  }
  return bytes + Math.max(0, fields - 1);
}
