import { parseInline } from "@/lib/shared/markdown/parse-inline";
import type { Block } from "@/lib/shared/markdown/tokens";

const FENCE = "```";

/**
 * Splits a message into code blocks (between two ``` fences) and paragraphs of inline Markdown.
 * An unclosed fence is text. One pass of indexOf: linear in the length of the message.
 */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let from = 0;
  while (from < source.length) {
    const open = source.indexOf(FENCE, from);
    const close = open < 0 ? -1 : source.indexOf(FENCE, open + FENCE.length);
    if (close < 0) {
      pushParagraph(blocks, source.slice(from));
      break;
    }
    pushParagraph(blocks, dropFinalNewline(source.slice(from, open)));
    blocks.push({ type: "code", text: codeText(source.slice(open + FENCE.length, close)) });
    from = close + FENCE.length;
    if (source[from] === "\n") from++;
  }
  return blocks;
}

function pushParagraph(blocks: Block[], text: string): void {
  if (text.length > 0) blocks.push({ type: "paragraph", children: parseInline(text) });
}

// The fence lines themselves are not part of the code, nor a language hint right after ```.
function codeText(raw: string): string {
  const firstBreak = raw.indexOf("\n");
  const hint = firstBreak < 0 ? "" : raw.slice(0, firstBreak);
  const body = firstBreak >= 0 && /^[\w+#.-]{0,20}$/.test(hint) ? raw.slice(firstBreak + 1) : raw;
  return dropFinalNewline(body);
}

function dropFinalNewline(text: string): string {
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}
