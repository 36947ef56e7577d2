/**
 * Each ranking improvement pinned on a small realistic document: the default ranking gets it right,
 * and where an option switches the improvement off, the same example goes wrong without it.
 */
import { describe, expect, it } from "vitest";
import { buildIndex, DEFAULT_RETRIEVAL_OPTIONS, queryWeights, retrieve, scoreDocument, SMALL_NUMBER_WEIGHT, type IndexableChunk } from "@/lib/retrieval";
import { pageHeading, runningHeaders } from "@/lib/retrieval/document-index";
import { analyzeQuestion, analyzeText } from "@/lib/retrieval/terms";
import { countTokens } from "@/lib/tokens";

const FILLER = [
  "We design, manufacture and sell products to customers in many countries through our own stores and partners.",
  "Our employees are located in offices around the world; we believe relations with employees are good.",
  "Competition in our markets is intense and is based on price, quality, service and brand recognition.",
  "We lease most of our facilities under operating leases with terms of one to fifteen years.",
  "Legal proceedings arising in the ordinary course of business are not expected to be material.",
  "Our board of directors oversees risk management with the help of its audit committee.",
];

/** A document of one chunk per page (the app's default strategy), filler pages around the given ones. */
function documentOf(pages: Record<number, string>, total = 12): IndexableChunk[] {
  const chunks: IndexableChunk[] = [];
  for (let n = 1; n <= total; n++) {
    const text = pages[n] ?? `${FILLER[n % FILLER.length]}\n${FILLER[(n + 2) % FILLER.length]}`;
    chunks.push({ id: n, documentId: "doc", ord: n - 1, pageStart: n, pageEnd: n, text, tokens: countTokens(text) });
  }
  return chunks;
}

function firstPage(chunks: IndexableChunk[], question: string, options = {}): number {
  const result = retrieve({ index: buildIndex(chunks), question, documentIds: ["doc"], contextTokens: 400, options });
  return result.chunks[0]?.pageStart ?? -1;
}

describe("question analysis", () => {
  it("drops instruction padding so it cannot pick pages", () => {
    const chunks = documentOf({
      3: "Amounts in these notes are rounded; the details shown may not add up to the totals shown because of rounding to two decimal places.",
      7: "Total revenue for fiscal 2022 was $17,606 million.",
    });
    const question = "What was total revenue in FY2022? Round your answer to two decimal places, using the details shown.";
    expect(firstPage(chunks, question)).toBe(7);
    expect(analyzeQuestion(question)).toEqual(analyzeText("total revenue fiscal 2022"));
  });

  it("keeps instruction words when they are all a question has", () => {
    expect(analyzeQuestion("What are the line items?")).toEqual(analyzeText("line items"));
    const chunks = documentOf({ 2: "Risk factors and uncertainties.", 5: "Line items of the statement: revenue, cost of sales, operating income." });
    expect(firstPage(chunks, "What are the line items?")).toBe(5);
  });

  it("reads FY2019 as fiscal 2019 and keeps years whole", () => {
    expect(analyzeQuestion("FY2019 capex")).toEqual(analyzeText("fiscal 2019 capex"));
    const chunks = documentOf({ 4: "Capital expenditures in fiscal 2019 were $1,577 million.", 9: "Capital expenditures in fiscal 2018 were $1,300 million." });
    expect(firstPage(chunks, "What were FY2019 capital expenditures?")).toBe(4);
  });

  it("weighs one- and two-digit numbers down, years and amounts fully", () => {
    const weights = queryWeights("Did revenue grow more than 2% in Q2 2019, above 1,500?");
    expect(weights.get("2")).toBe(SMALL_NUMBER_WEIGHT);
    expect(weights.get("2019")).toBe(1);
    expect(weights.get("1500")).toBe(1);
  });
});

describe("page headings", () => {
  const cashFlowPage =
    "CONSOLIDATED STATEMENTS OF CASH FLOWS\n(In millions)\nNet income 4,822\nDepreciation and amortization 857\nCapital expenditures (348)\nProceeds from borrowings 1,000";
  const discussionPage =
    "Cash flow discussion. Capital expenditures rose as we expanded; capital expenditures were funded with cash flow from operations, " +
    "and capital expenditures will grow next year. We review capital expenditures quarterly.";

  it("lift a statement whose title matches the question over prose that repeats its words", () => {
    const chunks = documentOf({ 5: discussionPage, 9: cashFlowPage });
    const question = "Using the cash flow statement, what were capital expenditures?";
    expect(firstPage(chunks, question)).toBe(9);
    expect(firstPage(chunks, question, { headingWeight: 0, neighbourWeight: 0 })).toBe(5);
  });

  it("skip running headers and start only on short lines", () => {
    const pages = Array.from({ length: 10 }, (_, i) => `Table of Contents\nACME CORP\n${i === 4 ? "CONSOLIDATED BALANCE SHEETS\n(In millions)" : `Item ${i}. Discussion`}\nBody line ${i}`);
    const running = runningHeaders(pages);
    expect([...running].sort()).toEqual(["acme corp", "table of contents"]);
    expect(pageHeading(pages[4], running)).toBe("CONSOLIDATED BALANCE SHEETS\n(In millions)\nBody line 4");
    expect(pageHeading(`${"a long paragraph that runs on from the previous page ".repeat(3)}\nTitle`)).toBe("");
    expect(pageHeading("12\n\nNOTE 5. LEASES")).toBe("NOTE 5. LEASES");
  });
});

describe("segments and neighbours", () => {
  it("let a statement's continuation page borrow relevance from the page before it", () => {
    const chunks = documentOf({
      6: "CONSOLIDATED BALANCE SHEETS\nCurrent assets\nCash and cash equivalents 3,100\nInventories 5,400\nTotal current assets 11,200",
      // The continuation opens with a long line, so it has no heading of its own.
      7: "(continued from the previous page; amounts in millions of dollars, except share and per share data, as of each year end)\nAccounts payable 4,300\nAccrued liabilities 1,900\nTotal current liabilities 7,800\nLong-term debt 3,000",
      10: "Current liabilities: total current liabilities rose because current liabilities include payables. Total liabilities also rose.",
    });
    const question = "What were total current liabilities on the balance sheet?";
    const index = buildIndex(chunks);
    const ranked = (options: object) => {
      const candidates = scoreDocument(index.documents.get("doc")!, queryWeights(question), { ...DEFAULT_RETRIEVAL_OPTIONS, ...options });
      return candidates.sort((a, b) => b.score - a.score).map((c) => c.chunk + 1);
    };
    expect(ranked({})).toEqual([6, 7, 10]);
    expect(ranked({ neighbourWeight: 0 })).toEqual([6, 10, 7]);
  });
});

describe("filling the budget", () => {
  const long = Array.from({ length: 60 }, (_, i) => `Segment revenue line ${i}: ${1000 + i}`).join("\n");
  const chunks = documentOf({ 2: `${long}\nAmericas operating income 9,999\n${long}`, 5: "Americas operating income is discussed in Note 12." });

  it("sends a chunk whole when it fits and its best span when it does not, never past the budget", () => {
    const index = buildIndex(chunks);
    for (const budget of [50, 120, 400, 5000]) {
      const result = retrieve({ index, question: "Americas operating income", documentIds: ["doc"], contextTokens: budget });
      const text = result.chunks.map((c) => c.text).join("\n\n");
      expect(countTokens(text)).toBeLessThanOrEqual(budget);
      expect(result.contextTokens).toBe(countTokens(text));
      expect(text).toContain("Americas operating income");
    }
    // Room for everything: page 2 goes whole (with the filler pages beside it that mention "operating", merged).
    const whole = retrieve({ index, question: "Americas operating income", documentIds: ["doc"], contextTokens: 5000 });
    expect(whole.chunks.find((c) => c.pageStart <= 2 && c.pageEnd >= 2)?.text).toContain(chunks[1].text);
    // Room for a little: the lines around the matching row, not the page's first lines.
    const span = retrieve({ index, question: "Americas operating income", documentIds: ["doc"], contextTokens: 120 });
    expect(span.chunks[0].text).not.toContain("Segment revenue line 0:");
  });
});

describe("boilerplate", () => {
  it("never sends a page whose only text is the running footer, however short it is", () => {
    const footer = (n: number) => `Acme Corp 2022 Annual Report on Form 10-K ${n}`;
    const chunks = documentOf({}).map((c) => ({ ...c, text: `${c.text}\n${footer(c.pageStart)}` }));
    chunks[4] = { ...chunks[4], text: footer(5), tokens: countTokens(footer(5)) };
    chunks[8] = { ...chunks[8], text: `Acme Corp revenue in 2022 was $9,100 million.\n${footer(9)}`, tokens: 20 };
    const result = retrieve({ index: buildIndex(chunks), question: "What was Acme Corp's 2022 revenue?", documentIds: ["doc"], contextTokens: 2000 });
    expect(result.chunks[0].pageStart).toBe(9);
    expect(result.chunks.some((c) => c.pageStart <= 5 && c.pageEnd >= 5)).toBe(false);
  });
});
