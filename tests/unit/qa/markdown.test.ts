import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Markdown } from "@/components/markdown";
import { HOSTILE_ANSWER } from "../../support/fake-llm-server";

function html(text: string): string {
  return renderToStaticMarkup(createElement(Markdown, { text }));
}

describe("answer rendering", () => {
  it("renders a hostile answer inert: no img, script, event handler or javascript: link", () => {
    const out = html(HOSTILE_ANSWER);
    expect(out).not.toMatch(/<img|<script|<iframe/i);
    expect(out).not.toMatch(/<[^>]*\son\w+=/i);
    expect(out).not.toContain('href="javascript:');
    expect(out).not.toContain('src="');
    expect(out).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
    expect(out).toContain("[image not loaded: tracking pixel]");
  });

  it("renders simple Markdown: lists, bold, code, safe links and page citations", () => {
    const out = html("**Answer**: see `config`.\n\n- first [p. 3]\n- second [pp. 4-5]\n\n[docs](https://example.com/x)");
    expect(out).toContain("<strong>Answer</strong>");
    expect(out).toContain("<code");
    expect(out).toMatch(/<ul[^>]*><li>first <span[^>]*>\[p\. 3\]<\/span><\/li>/);
    expect(out).toContain('href="https://example.com/x"');
    expect(out).toContain('rel="noopener noreferrer nofollow"');
  });
});
