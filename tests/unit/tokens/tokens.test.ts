import { describe, expect, it } from "vitest";
import { countChatTokens, countTokens, encodeTokens, getEncoder } from "@/lib/tokens";
import fc from "fast-check";
import { encodePage } from "@/lib/chunking";

describe("token counting", () => {
  it("counts nothing as zero and known strings exactly", () => {
    expect(countTokens("")).toBe(0);
    expect(countTokens("hello world")).toBe(2);
    expect(countTokens("hello world", "cl100k_base")).toBe(2);
  });

  it("treats special-token text as plain text instead of throwing", () => {
    const text = "before <|endoftext|> after";
    expect(() => countTokens(text)).not.toThrow();
    expect(countTokens(text)).toBeGreaterThan(3);
  });

  it("differs between encodings where their vocabularies differ", () => {
    const text = "日本語のテキストをトークンに分割する。".repeat(10);
    expect(countTokens(text, "o200k_base")).not.toBe(countTokens(text, "cl100k_base"));
  });

  it("builds one encoder per encoding per process", () => {
    expect(getEncoder("o200k_base")).toBe(getEncoder("o200k_base"));
    expect(getEncoder("cl100k_base")).not.toBe(getEncoder("o200k_base"));
  });

  it("counts a chat as 3 priming tokens plus 3 per message with role and content", () => {
    const messages = [
      { role: "system" as const, content: "Answer briefly." },
      { role: "user" as const, content: "What was revenue?" },
    ];
    const expected = 3 + messages.reduce((sum, m) => sum + 3 + countTokens(m.role) + countTokens(m.content), 0);
    expect(countChatTokens(messages)).toBe(expected);
    expect(countChatTokens([])).toBe(3);
  });

  it("counts a page once, consistently with countTokens, with a boundary offset per token", () => {
    for (const text of ["", "Total current assets 16,525 15,134", "café 😀 漢字\n\nNext paragraph.", "Revenue grew. ".repeat(800)]) {
      const page = encodePage({ pageNumber: 1, text }, "o200k_base");
      expect(page.tokens).toBe(countTokens(text));
      expect(page.offsets.length).toBe(page.tokens + 1);
      expect(page.offsets[page.tokens]).toBe(text.length);
      // Every boundary that falls between characters decodes to exactly the text before it.
      const ids = encodeTokens(text);
      // Every boundary of the short texts; a sample of the long one (decoding each prefix is quadratic).
      const step = text.length > 500 ? 97 : 1;
      page.offsets.forEach((offset, k) => {
        if (k % step !== 0) return;
        if (offset >= 0) expect(getEncoder().decode(ids.slice(0, k))).toBe(text.slice(0, offset));
        else expect(getEncoder().decode(ids.slice(0, k))).toContain("\ufffd");
      });
    }
  });

  it("encodes a page-long word in bounded time, losing no text", () => {
    const text = `start ${"ab".repeat(50_000)} end 😀${"😀".repeat(300)}`;
    const started = performance.now();
    const ids = encodeTokens(text, "o200k_base");
    expect(performance.now() - started).toBeLessThan(3000);
    expect(getEncoder().decode(ids)).toBe(text);
    const page = encodePage({ pageNumber: 1, text }, "o200k_base");
    expect(page.tokens).toBe(ids.length);
    expect(page.offsets[page.tokens]).toBe(text.length);
    expect(countTokens(text)).toBe(ids.length);
  });

  it("encodes a page-long run of spaces in bounded time, losing no text", () => {
    const text = `a${" ".repeat(40_000)}b${"\n".repeat(5_000)}c`;
    const ids = encodeTokens(text);
    expect(getEncoder().decode(ids)).toBe(text);
    expect(countTokens(text)).toBe(ids.length);
  });

  it("counts exactly what the encoder produces, for any text, in both encodings", () => {
    const pieces = fc.constantFrom("Revenue", " 16,525", "\n", "  ", "café", "😀", "<|endoftext|>", "....", "FY2019", "x".repeat(300), " ".repeat(260), "漢字", "\t");
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), fc.constantFrom("o200k_base" as const, "cl100k_base" as const), (parts, encoding) => {
        const text = parts.join("");
        const ids = encodeTokens(text, encoding);
        expect(countTokens(text, encoding)).toBe(ids.length);
        expect(getEncoder(encoding).decode(ids)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it("counts ordinary text exactly as the encoder does on the whole string", () => {
    const text = "Total current assets 16,525 15,134\nNet sales increased 7% to $44.5 billion in fiscal 2019.";
    expect(countTokens(text)).toBe(getEncoder().encode(text, [], []).length);
    expect(encodeTokens(text)).toEqual(getEncoder().encode(text, [], []));
  });
});
