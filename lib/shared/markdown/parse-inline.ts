import { delimiterAt, type Delimiter } from "@/lib/shared/markdown/delimiters";
import { codeAt, linkAt, nextIndexFinder, urlAt, type NextIndex } from "@/lib/shared/markdown/inline-tokens";
import type { Emphasis, Inline } from "@/lib/shared/markdown/tokens";

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
  return new InlineParser(src).run();
}

class InlineParser {
  private readonly stack: Frame[] = [{ delimiter: null, children: [] }];
  /** How many frames each marker has open: a closer looks down the stack only if one is. */
  private readonly open = new Map<string, number>();
  private readonly next: NextIndex;
  /** Text not yet pushed: `pending` (escapes resolved) plus src from `start` to the position. */
  private pending = "";
  private start = 0;

  constructor(private readonly src: string) {
    this.next = nextIndexFinder(src);
  }

  run(): Inline[] {
    let i = 0;
    while (i < this.src.length) i = this.step(i);
    this.flushText(this.src.length);
    const root = this.stack[0]!;
    for (const node of flatten(this.stack.splice(1))) pushNode(root.children, node);
    return root.children;
  }

  /** Reads what starts at `i`; returns where to go on. */
  private step(i: number): number {
    const { src } = this;
    const c = src[i]!;
    if (c === "\\" && ESCAPABLE.has(src[i + 1] ?? "")) {
      this.pending += src.slice(this.start, i) + src[i + 1];
      return (this.start = i + 2);
    }
    const token = c === "`" ? codeAt(src, i, this.next) : c === "[" ? linkAt(src, i, this.next) : c === "h" || c === "H" ? urlAt(src, i) : null;
    if (token) {
      this.flushText(i);
      this.top().children.push(token.node);
      return (this.start = token.end);
    }
    const delimiter = delimiterAt(src, i);
    if (!delimiter) return i + 1;
    const end = i + delimiter.marker.length;
    if (delimiter.canClose && (this.open.get(delimiter.marker) ?? 0) > 0) {
      this.flushText(i);
      this.closeFrame(delimiter.marker);
    } else if (delimiter.canOpen && this.stack.length <= MAX_DEPTH) {
      this.flushText(i);
      this.stack.push({ delimiter, children: [] });
      this.count(delimiter.marker, 1);
    } else {
      return end;
    }
    return (this.start = end);
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  private count(marker: string, by: number): void {
    this.open.set(marker, (this.open.get(marker) ?? 0) + by);
  }

  private flushText(until: number): void {
    const text = this.pending + this.src.slice(this.start, until);
    if (text) pushNode(this.top().children, { type: "text", text });
    this.pending = "";
    this.start = until;
  }

  // Closes the innermost frame opened by `marker`; frames opened after it were never closed and
  // become literal text inside it. Each node is moved once, so this stays linear.
  private closeFrame(marker: string): void {
    let k = this.stack.length - 1;
    while (this.stack[k]!.delimiter?.marker !== marker) k--;
    const frames = this.stack.splice(k);
    for (const f of frames) this.count(f.delimiter!.marker, -1);
    const [frame, ...unclosed] = frames as [Frame, ...Frame[]];
    const children = frame.children;
    for (const node of flatten(unclosed)) pushNode(children, node);
    if (children.length === 0) pushNode(this.top().children, { type: "text", text: marker + marker });
    else this.top().children.push({ type: frame.delimiter!.kind as Emphasis, children });
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
