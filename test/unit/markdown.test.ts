import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseMarkdown } from "@/lib/shared/markdown/parse-blocks";
import { parseInline } from "@/lib/shared/markdown/parse-inline";
import type { Inline } from "@/lib/shared/markdown/tokens";

const text = (t: string): Inline => ({ type: "text", text: t });

/** The text a reader sees: what the tokens render, markers removed. */
function plain(nodes: Inline[]): string {
  return nodes.map((n) => ("children" in n ? plain(n.children) : n.text)).join("");
}

function links(nodes: Inline[]): string[] {
  return nodes.flatMap((n) => (n.type === "link" ? [n.href] : "children" in n ? links(n.children) : []));
}

describe("markdown: inline", () => {
  it("renders bold, italics, strike and inline code", () => {
    assert.deepEqual(parseInline("a **b** *c* _d_ ~~e~~ `f*g*`"), [
      text("a "),
      { type: "strong", children: [text("b")] },
      text(" "),
      { type: "em", children: [text("c")] },
      text(" "),
      { type: "em", children: [text("d")] },
      text(" "),
      { type: "del", children: [text("e")] },
      text(" "),
      { type: "code", text: "f*g*" },
    ]);
  });

  it("nests emphasis", () => {
    assert.deepEqual(parseInline("**bold *both* bold**"), [
      { type: "strong", children: [text("bold "), { type: "em", children: [text("both")] }, text(" bold")] },
    ]);
  });

  it("keeps plain text as it is, markers that open or close nothing included", () => {
    for (const s of ["2 * 3 * 4", "snake_case_name", "**", "a ** b", "x*", "*unclosed", "`unclosed", "``", "~single~", "[no link]", "[a](b"]) {
      assert.deepEqual(parseInline(s), [text(s)], s);
    }
    assert.equal(plain(parseInline("**a *b** c*")), "a *b c*");
    assert.equal(plain(parseInline("****")), "****");
  });

  it("honours backslash escapes", () => {
    assert.deepEqual(parseInline("\\*not italic\\*"), [text("*not italic*")]);
  });

  it("links http, https and mailto only, with their label or bare", () => {
    assert.deepEqual(parseInline("[docs](https://example.com/a?b=1)"), [{ type: "link", href: "https://example.com/a?b=1", text: "docs" }]);
    assert.deepEqual(parseInline("see https://example.com/x_y_z."), [
      text("see "),
      { type: "link", href: "https://example.com/x_y_z", text: "https://example.com/x_y_z" },
      text("."),
    ]);
    assert.deepEqual(links(parseInline("[mail](mailto:bob@example.com) (http://a.b)")), ["mailto:bob@example.com", "http://a.b"]);
  });

  it("never links javascript:, data: or other schemes, however they are spelled", () => {
    for (const s of [
      "[x](javascript:alert(1))",
      "[x](JavaScript:alert(1))",
      "[x]( javascript:alert(1))",
      "[x](java\tscript:alert(1))",
      "[x](data:text/html,<script>alert(1)</script>)",
      "[x](vbscript:msgbox)",
      "[x](//evil.example)",
      "[x](/relative)",
      "javascript:alert(1)",
    ]) {
      assert.deepEqual(links(parseInline(s)), [], s);
    }
  });

  it("leaves HTML as text", () => {
    const s = "<script>alert(1)</script><img src=x onerror=alert(1)>";
    assert.deepEqual(parseInline(s), [text(s)]);
  });
});

describe("markdown: blocks", () => {
  it("splits code blocks from paragraphs and drops a language hint", () => {
    assert.deepEqual(parseMarkdown("before\n```ts\nconst a = 1;\n**not bold**\n```\nafter"), [
      { type: "paragraph", children: [text("before")] },
      { type: "code", text: "const a = 1;\n**not bold**" },
      { type: "paragraph", children: [text("after")] },
    ]);
  });

  it("treats an unclosed fence as text", () => {
    assert.deepEqual(parseMarkdown("```\nno end"), [{ type: "paragraph", children: [text("```\nno end")] }]);
  });

  it("keeps new lines inside paragraphs", () => {
    assert.deepEqual(parseMarkdown("one\ntwo"), [{ type: "paragraph", children: [text("one\ntwo")] }]);
  });
});

describe("markdown: hostile sizes", () => {
  // Patterns that make naive or backtracking parsers quadratic or worse. Each must finish, and
  // return every character: the size is far beyond a message's 4,000 characters.
  // A quadratic parser needs minutes for a million characters; the timeout only stops a hang.
  const N = 1_000_000;
  const cases = {
    openers: "**a ".repeat(N / 4),
    brackets: "[".repeat(N),
    unclosedLinks: "[a](".repeat(N / 4),
    backticks: "`a".repeat(N / 2) + "b",
    mixed: "*_~~`[".repeat(N / 6),
    fences: "```".repeat(N / 3),
    urls: "http://".repeat(N / 7),
    nested: "**a *b ~~c _d ".repeat(N / 14) + " e_ f~~ g* h**".repeat(N / 14),
  };
  for (const [name, source] of Object.entries(cases)) {
    it(`parses ${name} (${source.length} characters) and keeps every character`, { timeout: 20_000 }, () => {
      const blocks = parseMarkdown(source);
      const shown = blocks.map((b) => (b.type === "code" ? b.text : plain(b.children))).join("");
      assert.ok(shown.length > 0 && shown.length <= source.length);
    });
  }
});
