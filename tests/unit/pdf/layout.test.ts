import { describe, expect, it } from "vitest";
import { layoutPageText, looksLikePdf, type RawTextItem } from "@/lib/pdf";

const item = (str: string, x: number, y: number, width: number, size = 10, eol = 0): RawTextItem => [str, x, y, width, size, eol];

describe("layoutPageText", () => {
  it("separates numbers in cells that nearly touch, but not letters of one word split in two items", () => {
    expect(layoutPageText([item("16,525", 370, 700, 30), item("15,134", 401, 700, 30)])).toBe("16,525 15,134");
    expect(layoutPageText([item("Reve", 72, 700, 20), item("nue", 92.2, 700, 15)])).toBe("Revenue");
  });

  it("ignores the bogus widths of whitespace items but keeps them as separators", () => {
    const items = [item("Total current assets", 18.9, 539.3, 65.2), item(" ", 84.1, 539.3, 20087), item("16,525", 507.8, 539.3, 22.7), item(" ", 530.5, 539.3, 1643), item("15,134", 565.2, 539.3, 22.7, 10, 1)];
    expect(layoutPageText(items)).toBe("Total current assets 16,525 15,134");
  });

  it("orders items on a line by x and lines by the stream", () => {
    const items = [item("second", 150, 700, 40), item("first", 72, 700, 30), item("next line", 72, 686, 50)];
    expect(layoutPageText(items)).toBe("first second\nnext line");
  });

  it("keeps a footnote mark on its line and starts a paragraph after a large gap", () => {
    const items = [item("Revenue", 72, 700, 40), item("1", 112.5, 704, 3, 6), item("Next paragraph", 72, 660, 70)];
    expect(layoutPageText(items)).toBe("Revenue1\n\nNext paragraph");
  });

  it("drops control and direction-override characters and collapses spaces", () => {
    expect(layoutPageText([item("a\u0000b\u202e  c", 72, 700, 30)])).toBe("ab c");
    expect(layoutPageText([])).toBe("");
  });
});

describe("looksLikePdf", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it("finds the header at the start or after some junk, not later", () => {
    expect(looksLikePdf(enc("%PDF-1.7\n"))).toBe(true);
    expect(looksLikePdf(enc(`${"x".repeat(500)}%PDF-1.4`))).toBe(true);
    expect(looksLikePdf(enc(`${"x".repeat(2000)}%PDF-1.4`))).toBe(false);
    expect(looksLikePdf(enc("%PDF"))).toBe(false);
    expect(looksLikePdf(new Uint8Array())).toBe(false);
    expect(looksLikePdf(enc("\x89PNG\r\n"))).toBe(false);
  });
});
