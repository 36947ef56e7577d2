import { afterAll, describe, expect, it } from "vitest";
import { extractPdf, stopExtractionWorkers } from "@/lib/pdf";
import { isAppError } from "@/lib/errors";
import * as fixtures from "../../support/pdf-fixtures";

const LIMITS = { timeoutMs: 30_000, memoryMb: 512, maxPages: 2000 };

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
  try {
    await promise;
  } catch (err) {
    if (isAppError(err)) return { code: err.code, status: err.status, message: err.message };
    throw err;
  }
  throw new Error("expected the extraction to fail");
}

afterAll(() => stopExtractionWorkers());

describe("extractPdf", () => {
  it("extracts every page with 1-based numbers, lines and paragraphs", async () => {
    const { pages, failedPages } = await extractPdf({ bytes: await fixtures.buildMultiPagePdf(), ...LIMITS });
    expect(failedPages).toEqual([]);
    expect(pages.map((p) => p.pageNumber)).toEqual([1, 2, 3]);
    expect(pages[0].text).toBe("Annual report of the Example Company.\nRevenue grew in every region this year.");
    expect(pages[1].text).toBe("Page two talks about operating costs.\n\nA second paragraph on page two mentions the warehouse in Lisbon.");
    expect(pages[2].text).toBe("The last page lists the auditors: Smith & Jones LLP.");
  });

  it("keeps numbers in adjacent table cells apart", async () => {
    const { pages } = await extractPdf({ bytes: await fixtures.buildTablePdf(), ...LIMITS });
    expect(pages[0].text).toContain("Total current assets 16,525 15,134");
    expect(pages[0].text).not.toContain("16,52515,134");
    expect(pages[0].text.split("\n")).toEqual([
      "(Dollars in millions) 2019 2018",
      "Total current assets 16,525 15,134",
      "Goodwill 154 154",
      "TOTAL ASSETS $ 23,717 $ 22,536",
    ]);
  });

  it("keeps a page without text as an empty page in its place", async () => {
    const bytes = await fixtures.buildTextPdf([["First."], [], ["Third."]]);
    const { pages } = await extractPdf({ bytes, ...LIMITS });
    expect(pages).toEqual([
      { pageNumber: 1, text: "First." },
      { pageNumber: 2, text: "" },
      { pageNumber: 3, text: "Third." },
    ]);
  });

  it("calls onPage with each page in order as it is extracted", async () => {
    const seen: number[] = [];
    await extractPdf({ bytes: await fixtures.buildPagesPdf(4), ...LIMITS, onPage: (p) => seen.push(p.pageNumber) });
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it.each([
    ["a renamed image", () => fixtures.pngBytes(), "not_pdf", 415],
    ["a truncated PDF", async () => fixtures.truncatePdf(await fixtures.buildMultiPagePdf()), "invalid_pdf", 422],
    ["a corrupt PDF", async () => fixtures.corruptPdf(), "invalid_pdf", 422],
    ["a password-protected PDF", async () => fixtures.encryptPdf(await fixtures.buildMultiPagePdf()), "encrypted", 422],
    ["a scan without text", () => fixtures.buildNoTextPdf(), "no_text", 422],
  ] as const)("fails on %s with %s", async (_label, build, code, status) => {
    const failure = await failureOf(extractPdf({ bytes: await build(), ...LIMITS }));
    expect(failure).toMatchObject({ code, status });
    expect(failure.message.length).toBeGreaterThan(20);
  });

  it("says OCR is needed for a scan", async () => {
    const failure = await failureOf(extractPdf({ bytes: await fixtures.buildNoTextPdf(), ...LIMITS }));
    expect(failure.message).toMatch(/OCR/);
  });

  it("refuses more pages than the limit", async () => {
    const failure = await failureOf(extractPdf({ bytes: await fixtures.buildPagesPdf(5), ...LIMITS, maxPages: 4 }));
    expect(failure).toMatchObject({ code: "too_many_pages", status: 413 });
    expect(failure.message).toContain("5 pages");
  });

  it("stops a hostile file at its deadline while this thread keeps running, then extracts the next file", async () => {
    const bomb = fixtures.buildBombPdf({ operators: 2_000_000 });
    let ticks = 0;
    let worstLagMs = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worstLagMs = Math.max(worstLagMs, now - last - 20);
      last = now;
      ticks++;
    }, 20);
    const started = performance.now();
    const failure = await failureOf(extractPdf({ bytes: bomb, ...LIMITS, timeoutMs: 1000 }));
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(failure).toMatchObject({ code: "extraction_failed", status: 422 });
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(elapsed).toBeLessThan(3000);
    expect(ticks).toBeGreaterThan(20);
    expect(worstLagMs).toBeLessThan(250);

    const { pages } = await extractPdf({ bytes: await fixtures.buildMultiPagePdf(), ...LIMITS });
    expect(pages).toHaveLength(3);
  });

  it("runs two extractions side by side without mixing their pages", async () => {
    const [a, b] = await Promise.all([
      extractPdf({ bytes: await fixtures.buildPagesPdf(3), ...LIMITS }),
      extractPdf({ bytes: await fixtures.buildTablePdf(), ...LIMITS }),
    ]);
    expect(a.pages.map((p) => p.text)).toEqual(["Page 1 of 3.", "Page 2 of 3.", "Page 3 of 3."]);
    expect(b.pages[0].text).toContain("16,525 15,134");
  });
});
