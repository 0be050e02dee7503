import { Fragment, type ReactNode } from "react";
import { parseMarkdown } from "@/lib/shared/markdown/parse-blocks";
import type { Inline } from "@/lib/shared/markdown/tokens";
import { splitMentions } from "@/lib/shared/protocol/mentions";

const tags = { strong: "strong", em: "em", del: "del" } as const;

/** Plain text with its `@mentions` marked; those of `me` highlighted. */
function withMentions(text: string, me: string | undefined): ReactNode[] {
  return splitMentions(text).map((part, i) =>
    part.mention === null ? (
      <Fragment key={i}>{part.text}</Fragment>
    ) : part.mention === me ? (
      <mark key={i} className="mention mention-me" data-testid="mention-me">
        {part.text}
      </mark>
    ) : (
      <span key={i} className="mention">
        {part.text}
      </span>
    ),
  );
}

function renderInline(nodes: Inline[], me: string | undefined): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case "text":
        return <Fragment key={i}>{withMentions(node.text, me)}</Fragment>;
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
        return <Tag key={i}>{renderInline(node.children, me)}</Tag>;
      }
    }
  });
}

/**
 * A message's text with its Markdown subset and mentions (`me`: the reader's username, whose
 * mentions are highlighted). Built from tokens as React elements: whatever the text contains is
 * shown, never interpreted as HTML.
 */
export function MessageText({ text, me }: { text: string; me?: string }) {
  const blocks = parseMarkdown(text);
  return (
    <div className="message-text">
      {blocks.map((block, i) =>
        block.type === "code" ? (
          <pre key={i}>
            <code>{block.text}</code>
          </pre>
        ) : (
          <Fragment key={i}>{renderInline(block.children, me)}</Fragment>
        ),
      )}
    </div>
  );
}
