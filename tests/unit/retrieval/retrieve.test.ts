import { describe, expect, it } from "vitest";
import { buildIndex, retrieve, type IndexableChunk } from "@/lib/retrieval";
import { orderForAttention } from "@/lib/retrieval/select";
import { countTokens } from "@/lib/tokens";

function chunk(documentId: string, ord: number, page: number, text: string, id = ord + 1): IndexableChunk {
  return { id, documentId, ord, pageStart: page, pageEnd: page, text, tokens: countTokens(text) };
}

const filler = "The company designs and sells products through retail stores and online channels across many regions.";

describe("retrieve", () => {
  const chunks = [
    chunk("d", 0, 1, `Item 1. Business. ${filler}`),
    chunk("d", 1, 2, `Risk factors. Competition is intense. ${filler}`),
    chunk("d", 2, 3, "Consolidated Statements of Cash Flows. Net cash provided by operating activities 1,234. Purchases of property and equipment (456)."),
    chunk("d", 3, 4, `Legal proceedings. ${filler}`),
    chunk("other", 0, 1, "Consolidated Statements of Cash Flows of another company.", 100),
  ];
  const index = buildIndex(chunks);

  it("ranks the page that holds the question's terms first and only searches the given documents", () => {
    const result = retrieve({ index, question: "What was net cash provided by operating activities?", documentIds: ["d"], contextTokens: 2000 });
    expect(result.chunks[0].pageStart).toBe(3);
    expect(result.chunks.every((c) => c.documentId === "d")).toBe(true);
  });

  it("never exceeds the budget and returns nothing when nothing matches", () => {
    const tight = retrieve({ index, question: "cash flows operating activities competition", documentIds: ["d"], contextTokens: 40 });
    expect(tight.contextTokens).toBeLessThanOrEqual(40);
    expect(retrieve({ index, question: "zebra", documentIds: ["d"] }).chunks).toEqual([]);
    expect(retrieve({ index, question: "cash", documentIds: ["missing"] }).chunks).toEqual([]);
  });

  it("merges overlapping windows so their shared text is sent once", () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i} revenue`).join(" ");
    const a = words.slice(0, 700);
    const b = words.slice(600, 1300);
    const overlapIndex = buildIndex([chunk("w", 0, 1, a), chunk("w", 1, 1, b)]);
    const result = retrieve({ index: overlapIndex, question: "revenue", documentIds: ["w"], contextTokens: 5000 });
    expect(result.chunks).toHaveLength(1);
    expect(result.chunks[0].text).toBe(words.slice(0, 1300));
    expect(result.contextTokens).toBeLessThan(countTokens(a) + countTokens(b));
  });
});

describe("orderForAttention", () => {
  it("puts the strongest first, the second strongest last and the weakest in the middle", () => {
    const items = [1, 2, 3, 4, 5].map((score) => ({ score }));
    expect(orderForAttention(items).map((i) => i.score)).toEqual([5, 3, 1, 2, 4]);
    expect(orderForAttention([])).toEqual([]);
  });
});

describe("passages across pages without text", () => {
  it("keeps chunks apart when empty pages lie between them, so a passage never claims pages it does not hold", () => {
    const index = buildIndex([chunk("g", 0, 3, "Revenue by region: Americas 10."), chunk("g", 1, 40, "Revenue by product: phones 7.")]);
    const result = retrieve({ index, question: "revenue by region and product", documentIds: ["g"], contextTokens: 1000 });
    expect(result.chunks.map((c) => [c.pageStart, c.pageEnd]).sort((a, b) => a[0] - b[0])).toEqual([[3, 3], [40, 40]]);
    const next = buildIndex([chunk("h", 0, 3, "Revenue by region: Americas 10."), chunk("h", 1, 4, "Revenue by product: phones 7.")]);
    const merged = retrieve({ index: next, question: "revenue by region and product", documentIds: ["h"], contextTokens: 1000 });
    expect(merged.chunks.map((c) => [c.pageStart, c.pageEnd])).toEqual([[3, 4]]);
  });
});
