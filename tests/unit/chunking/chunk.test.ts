import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { chunkPages, encodePage, PAGE_SEPARATOR, type Chunk, type PageText } from "@/lib/chunking";
import { countTokens, encodeTokens, getEncoder } from "@/lib/tokens";

const ENC = "o200k_base" as const;
const decode = (ids: number[]) => getEncoder(ENC).decode(ids);

const ASCII_WORDS = ["the", "Revenue", "grew", "16,525", "15,134", "$", "(92)", "net", "income", "of", "10%", "Item", "7.", "a", "operating", "<|endoftext|>", "x"];
const UNICODE_WORDS = ["café", "naïve", "漢字", "日本語のテキスト", "😀", "👩‍👩‍👧", "Ωmega", "€1,000", "—", "ﬁscal", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"];
const SEPARATORS = [" ", " ", " ", ". ", ", ", "\n", "\n\n", "! "];

function textOf(words: string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...SEPARATORS)), { minLength: 0, maxLength: 120 })
    .map((parts) => parts.map(([w, s]) => w + s).join("").trim());
}

function pagesOf(words: string[]): fc.Arbitrary<PageText[]> {
  return fc.array(textOf(words), { minLength: 1, maxLength: 5 }).map((texts) => texts.map((text, i) => ({ pageNumber: i + 1, text })));
}

/** The document's token sequence as the tests compute it: each non-empty page, then the separator. */
function sequence(pages: PageText[]): { ids: number[]; pageOfToken: number[] } {
  const ids: number[] = [];
  const pageOfToken: number[] = [];
  pages
    .filter((p) => p.text.length > 0)
    .forEach((page, index) => {
      const separator = index > 0 ? encodeTokens(PAGE_SEPARATOR, ENC) : [];
      const own = encodeTokens(page.text, ENC);
      ids.push(...separator, ...own);
      pageOfToken.push(...separator.map(() => 0), ...own.map(() => page.pageNumber));
    });
  return { ids, pageOfToken };
}

function docText(pages: PageText[]): string {
  return pages.filter((p) => p.text.length > 0).map((p) => p.text).join(PAGE_SEPARATOR);
}

function expectedSpan(pageOfToken: number[], start: number, end: number): [number, number] {
  const pages = pageOfToken.slice(start, end).filter((p) => p > 0);
  return [pages[0], pages[pages.length - 1]];
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe("window strategy", () => {
  it("covers the token sequence with windows of at most W tokens sharing exactly O (ASCII)", () => {
    fc.assert(
      fc.property(pagesOf(ASCII_WORDS), fc.integer({ min: 4, max: 120 }), fc.double({ min: 0, max: 0.95, noNaN: true }), (pages, windowTokens, share) => {
        const overlapTokens = Math.min(windowTokens - 1, Math.floor(windowTokens * share));
        const chunks = chunkPages({ pages, strategy: "window", windowTokens, overlapTokens, encoding: ENC });
        const { ids, pageOfToken } = sequence(pages);
        if (ids.length === 0) {
          expect(chunks).toEqual([]);
          return;
        }
        let start = 0;
        chunks.forEach((chunk, i) => {
          expect(chunk.ord).toBe(i);
          expect(chunk.tokens).toBeGreaterThan(0);
          expect(chunk.tokens).toBeLessThanOrEqual(windowTokens);
          expect(chunk.text).toBe(decode(ids.slice(start, start + chunk.tokens)));
          expect([chunk.pageStart, chunk.pageEnd]).toEqual(expectedSpan(pageOfToken, start, start + chunk.tokens));
          if (i < chunks.length - 1) start = start + chunk.tokens - overlapTokens;
        });
        const last = chunks[chunks.length - 1];
        expect(start + last.tokens).toBe(ids.length);
      }),
      { numRuns: 150 },
    );
  });

  it("never splits a character and keeps the overlap within a character of O (Unicode)", () => {
    fc.assert(
      fc.property(pagesOf([...UNICODE_WORDS, ...ASCII_WORDS]), fc.integer({ min: 4, max: 80 }), fc.integer({ min: 0, max: 79 }), (pages, windowTokens, rawOverlap) => {
        const overlapTokens = rawOverlap % windowTokens;
        const chunks = chunkPages({ pages, strategy: "window", windowTokens, overlapTokens, encoding: ENC });
        const { ids } = sequence(pages);
        const text = docText(pages);
        let start = 0;
        let position = 0;
        chunks.forEach((chunk, i) => {
          expect(chunk.tokens).toBeLessThanOrEqual(windowTokens);
          expect(LONE_SURROGATE.test(chunk.text)).toBe(false);
          expect(chunk.text).not.toContain("\ufffd");
          expect(chunk.text).toBe(decode(ids.slice(start, start + chunk.tokens)));
          expect(text.startsWith(chunk.text, position)).toBe(true);
          if (i === chunks.length - 1) {
            expect(start + chunk.tokens).toBe(ids.length);
            expect(position + chunk.text.length).toBe(text.length);
            return;
          }
          // The next window starts O tokens back (and after this one's start), or up to 3 tokens later
          // when that would split a character.
          const end = start + chunk.tokens;
          const next = chunks[i + 1];
          const expected = Math.max(end - overlapTokens, start + 1);
          const candidates = [0, 1, 2, 3].map((d) => expected + d).filter((s) => s <= end);
          const found = candidates.find((s) => decode(ids.slice(s, s + next.tokens)) === next.text);
          expect(found).toBeDefined();
          position += decode(ids.slice(start, found!)).length;
          start = found!;
        });
      }),
      { numRuns: 150 },
    );
  });

  it("cuts at a sentence end when one is near the window's end", () => {
    const sentence = "The company reported higher revenue this year. ";
    const pages = [{ pageNumber: 1, text: sentence.repeat(40).trim() }];
    const chunks = chunkPages({ pages, strategy: "window", windowTokens: 100, overlapTokens: 0, encoding: ENC });
    for (const chunk of chunks.slice(0, -1)) expect(chunk.text.trimEnd().endsWith(".")).toBe(true);
    expect(chunks.map((c) => c.text).join("")).toBe(pages[0].text);
  });

  it("returns no chunk for pages without text, and skips empty pages in the spans", () => {
    expect(chunkPages({ pages: [{ pageNumber: 1, text: "" }], strategy: "window", windowTokens: 64, overlapTokens: 8, encoding: ENC })).toEqual([]);
    const chunks = chunkPages({
      pages: [{ pageNumber: 1, text: "First page." }, { pageNumber: 2, text: "" }, { pageNumber: 3, text: "Third page." }],
      strategy: "window",
      windowTokens: 512,
      overlapTokens: 64,
      encoding: ENC,
    });
    expect(chunks).toEqual([{ ord: 0, pageStart: 1, pageEnd: 3, text: "First page.\n\nThird page.", tokens: 2 * countTokens("First page.") + countTokens("\n\n") }]);
  });

  it("rejects windows and overlaps that make no sense", () => {
    const pages = [{ pageNumber: 1, text: "text" }];
    expect(() => chunkPages({ pages, strategy: "window", windowTokens: 2, overlapTokens: 0, encoding: ENC })).toThrow(RangeError);
    expect(() => chunkPages({ pages, strategy: "window", windowTokens: 64, overlapTokens: 64, encoding: ENC })).toThrow(RangeError);
    expect(() => chunkPages({ pages, strategy: "window", windowTokens: 64, overlapTokens: -1, encoding: ENC })).toThrow(RangeError);
    expect(() => chunkPages({ pages, strategy: "window", windowTokens: Number.NaN, overlapTokens: 0, encoding: ENC })).toThrow(RangeError);
  });
});

describe("page strategy", () => {
  it("gives each page its own chunks, which rebuild the page exactly and stay within the cap", () => {
    fc.assert(
      fc.property(pagesOf([...ASCII_WORDS, ...UNICODE_WORDS]), fc.integer({ min: 4, max: 200 }), (pages, windowTokens) => {
        const chunks = chunkPages({ pages, strategy: "page", windowTokens, overlapTokens: 0, encoding: ENC });
        chunks.forEach((chunk, i) => {
          expect(chunk.ord).toBe(i);
          expect(chunk.pageStart).toBe(chunk.pageEnd);
          expect(chunk.tokens).toBeLessThanOrEqual(windowTokens);
        });
        for (const page of pages) {
          const own = chunks.filter((c) => c.pageStart === page.pageNumber);
          expect(own.map((c) => c.text).join("")).toBe(page.text);
          expect(own.reduce((sum, c) => sum + c.tokens, 0)).toBe(countTokens(page.text));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("paragraph strategy", () => {
  it("packs whole paragraphs up to the cap and loses no text", () => {
    fc.assert(
      fc.property(pagesOf(ASCII_WORDS), fc.integer({ min: 4, max: 200 }), (pages, windowTokens) => {
        const chunks: Chunk[] = chunkPages({ pages, strategy: "paragraph", windowTokens, overlapTokens: 0, encoding: ENC });
        expect(chunks.map((c) => c.text).join("")).toBe(docText(pages));
        const { ids, pageOfToken } = sequence(pages);
        let start = 0;
        chunks.forEach((chunk, i) => {
          expect(chunk.tokens).toBeLessThanOrEqual(windowTokens);
          expect([chunk.pageStart, chunk.pageEnd]).toEqual(expectedSpan(pageOfToken, start, start + chunk.tokens));
          // A chunk that does not end a paragraph is part of one paragraph too long for the cap.
          // (It may begin with the page break that did not fit in the chunk before.)
          if (i < chunks.length - 1 && !chunk.text.endsWith("\n\n")) expect(chunk.text.replace(/^\n\n/, "").slice(0, -1)).not.toContain("\n\n");
          start += chunk.tokens;
        });
        expect(start).toBe(ids.length);
      }),
      { numRuns: 100 },
    );
  });

  it("keeps short paragraphs together", () => {
    const text = ["Alpha one.", "Beta two.", "Gamma three."].join("\n\n");
    const chunks = chunkPages({ pages: [{ pageNumber: 4, text }], strategy: "paragraph", windowTokens: 512, overlapTokens: 0, encoding: ENC });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ pageStart: 4, pageEnd: 4, text });
  });
});

describe("pre-encoded pages", () => {
  it("give the same chunks as encoding inside chunkPages", () => {
    const pages = [
      { pageNumber: 1, text: "Total current assets 16,525 15,134\nGoodwill 154 154" },
      { pageNumber: 2, text: "漢字 and 😀 in one line. ".repeat(30) },
    ];
    const encoded = pages.map((p) => encodePage(p, ENC));
    const options = { strategy: "window", windowTokens: 32, overlapTokens: 5, encoding: ENC } as const;
    expect(chunkPages({ pages, encoded, ...options })).toEqual(chunkPages({ pages, ...options }));
  });

  it("chunk a 600-page document in well under a second", () => {
    const page = "Revenue grew 10% to $16,525 million in fiscal 2019, driven by higher average selling prices. ".repeat(60);
    const pages = Array.from({ length: 600 }, (_, i) => ({ pageNumber: i + 1, text: page }));
    const encoded = pages.map((p) => encodePage(p, ENC));
    const started = performance.now();
    const chunks = chunkPages({ pages, encoded, strategy: "window", windowTokens: 512, overlapTokens: 64, encoding: ENC });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(chunks.length).toBeGreaterThan(1000);
  });
});
