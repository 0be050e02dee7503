// The tokens of the Markdown subset messages may use. They are plain data: components turn them
// into React elements, so nothing a message contains is ever parsed as HTML.

export type Emphasis = "strong" | "em" | "del";

export type Inline =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "link"; href: string; text: string }
  | { type: Emphasis; children: Inline[] };

export type Block = { type: "code"; text: string } | { type: "paragraph"; children: Inline[] };

/** Links may only lead to web pages and mail addresses: no `javascript:`, `data:` or relative URLs. */
export function isSafeHref(href: string): boolean {
  return /^(?:https?:\/\/|mailto:)\S+$/i.test(href);
}
