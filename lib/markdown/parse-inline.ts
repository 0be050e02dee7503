import { delimiterAt, type Delimiter } from "@/lib/markdown/delimiters";
import { isSafeHref, type Emphasis, type Inline } from "@/lib/markdown/tokens";

interface Frame {
  delimiter: Delimiter | null;
  children: Inline[];
}

// Deeper emphasis is shown as its literal markers: keeps the element tree (and rendering) shallow.
const MAX_DEPTH = 8;
const ESCAPABLE = new Set("\\`*_~[]()");

/**
 * Inline Markdown: **bold**, *italic* / _italic_, ~~strike~~, `code`, [label](url) and bare
 * http(s) URLs; everything else is text. A single left-to-right pass with a stack of open
 * emphasis (no regex backtracking): linear time whatever the input, unclosed markers stay text.
 */
export function parseInline(src: string): Inline[] {
  const stack: Frame[] = [{ delimiter: null, children: [] }];
  const open = new Map<string, number>();
  const next = nextIndexFinder(src);
  let text = "";
  let start = 0;
  let i = 0;
  const top = () => stack[stack.length - 1]!;
  const emit = (node: Inline) => {
    text += src.slice(start, i);
    flushText();
    top().children.push(node);
  };

  while (i < src.length) {
    const c = src[i]!;
    if (c === "\\" && ESCAPABLE.has(src[i + 1] ?? "")) {
      text += src.slice(start, i) + src[i + 1];
      start = i += 2;
      continue;
    }
    const token = c === "`" ? codeAt(src, i, next) : c === "[" ? linkAt(src, i, next) : c === "h" || c === "H" ? urlAt(src, i) : null;
    if (token) {
      emit(token.node);
      start = i = token.end;
      continue;
    }
    const delimiter = delimiterAt(src, i);
    if (!delimiter) {
      i++;
      continue;
    }
    const end = i + delimiter.marker.length;
    if (delimiter.canClose && (open.get(delimiter.marker) ?? 0) > 0) {
      text += src.slice(start, i);
      flushText();
      closeFrame(delimiter.marker);
    } else if (delimiter.canOpen && stack.length <= MAX_DEPTH) {
      text += src.slice(start, i);
      flushText();
      stack.push({ delimiter, children: [] });
      open.set(delimiter.marker, (open.get(delimiter.marker) ?? 0) + 1);
    } else {
      i = end;
      continue;
    }
    start = i = end;
  }
  text += src.slice(start);
  flushText();
  const root = stack[0]!;
  for (const node of flatten(stack.splice(1))) pushNode(root.children, node);
  return root.children;

  function flushText() {
    if (text) pushNode(top().children, { type: "text", text });
    text = "";
  }

  // Closes the innermost frame opened by `marker`; frames opened after it were never closed and
  // become literal text inside it. Each node is moved once, so this stays linear.
  function closeFrame(marker: string) {
    let k = stack.length - 1;
    while (stack[k]!.delimiter?.marker !== marker) k--;
    const frames = stack.splice(k);
    for (const f of frames) open.set(f.delimiter!.marker, open.get(f.delimiter!.marker)! - 1);
    const [frame, ...unclosed] = frames as [Frame, ...Frame[]];
    const children = frame.children;
    for (const node of flatten(unclosed)) pushNode(children, node);
    if (children.length === 0) pushNode(top().children, { type: "text", text: marker + marker });
    else top().children.push({ type: frame.delimiter!.kind as Emphasis, children });
  }
}

/** Appends `node`, merging neighbouring text. */
function pushNode(list: Inline[], node: Inline): void {
  const last = list[list.length - 1];
  if (node.type === "text" && last?.type === "text") last.text += node.text;
  else list.push(node);
}

function flatten(frames: Frame[]): Inline[] {
  return frames.flatMap((f) => [{ type: "text" as const, text: f.delimiter!.marker }, ...f.children]);
}

type Token = { node: Inline; end: number } | null;

function codeAt(src: string, i: number, next: NextIndex): Token {
  // A run of several backticks is text; a single one needs its closing backtick.
  if (src[i + 1] === "`") return null;
  const close = next("`", i + 1);
  return close < 0 ? null : { node: { type: "code", text: src.slice(i + 1, close) }, end: close + 1 };
}

function linkAt(src: string, i: number, next: NextIndex): Token {
  const close = next("]", i + 1);
  if (close < 0 || src[close + 1] !== "(") return null;
  const paren = next(")", close + 2);
  if (paren < 0) return null;
  const href = src.slice(close + 2, paren).trim();
  if (!isSafeHref(href)) return null;
  const label = src.slice(i + 1, close).trim();
  return { node: { type: "link", href, text: label || href }, end: paren + 1 };
}

function urlAt(src: string, i: number): Token {
  if (i > 0 && /[\p{L}\p{N}]/u.test(src[i - 1]!)) return null;
  const head = src.slice(i, i + 8).toLowerCase();
  if (!head.startsWith("http://") && !head.startsWith("https://")) return null;
  let end = i;
  while (end < src.length && !/[\s<>"]/.test(src[end]!)) end++;
  // Punctuation after a URL usually ends the sentence rather than the URL.
  while (end > i && /[.,:;!?'*_~]/.test(src[end - 1]!)) end--;
  if (src[end - 1] === ")" && !src.slice(i, end).includes("(")) end--;
  const href = src.slice(i, end);
  return isSafeHref(href) && !/^https?:\/\/$/i.test(href) ? { node: { type: "link", href, text: href }, end } : null;
}

type NextIndex = (char: string, from: number) => number;

/** indexOf with memory: callers ask with growing `from`, so the whole text is scanned once per character. */
function nextIndexFinder(src: string): NextIndex {
  const found = new Map<string, number>();
  return (char, from) => {
    let at = found.get(char);
    if (at === undefined || (at >= 0 && at < from)) {
      at = src.indexOf(char, from);
      found.set(char, at);
    }
    return at;
  };
}
