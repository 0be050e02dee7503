import { Fragment, type ReactNode } from "react";
import { parseMarkdown } from "@/lib/markdown/parse-blocks";
import type { Inline } from "@/lib/markdown/tokens";

const tags = { strong: "strong", em: "em", del: "del" } as const;

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case "text":
        return <Fragment key={i}>{node.text}</Fragment>;
      case "code":
        return <code key={i}>{node.text}</code>;
      case "link":
        return (
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer nofollow">
            {node.text}
          </a>
        );
      default: {
        const Tag = tags[node.type];
        return <Tag key={i}>{renderInline(node.children)}</Tag>;
      }
    }
  });
}

/**
 * A message's text with its Markdown subset. Built from tokens as React elements: whatever the
 * text contains is shown, never interpreted as HTML.
 */
export function MessageText({ text }: { text: string }) {
  const blocks = parseMarkdown(text);
  return (
    <div className="message-text">
      {blocks.map((block, i) =>
        block.type === "code" ? (
          <pre key={i}>
            <code>{block.text}</code>
          </pre>
        ) : (
          <Fragment key={i}>{renderInline(block.children)}</Fragment>
        ),
      )}
    </div>
  );
}
