import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "tokenwise-retrieval-basic-"));

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retrieveContext } from "@/lib/retrieval";
import { closeAllDbs, type DocumentRecord } from "@/lib/storage";
import { HANDBOOK_PAGES, seedDocument } from "../../support/seed-documents";

const REPORT_PAGES = [
  "Annual Report 2025. Letter to shareholders. It was a year of steady growth across all of our markets.",
  "Income statement. Total revenue was 4,812 million dollars, up 7 percent. Operating income was 912 million dollars. Net income was 655 million dollars.",
  "Balance sheet. Total assets were 10,240 million dollars. Long-term debt was 2,100 million dollars. Cash and equivalents were 1,310 million dollars.",
  "Risk factors. Currency movements and supply chain disruptions could reduce our margins. We hedge most of our euro exposure.",
];

const MANUAL_PAGES = [
  "Pump model X200 installation manual. Read all safety instructions before installing the pump.",
  "Maintenance. Replace the filter every 6 months. Inspect the seals every 12 months. The maintenance interval for the motor bearings is 5,000 operating hours.",
  "Troubleshooting. If the pump does not start, check the fuse and the power cable. Error code E4 means the water level is too low.",
];

let handbook: DocumentRecord;
let report: DocumentRecord;
let manual: DocumentRecord;

beforeAll(() => {
  handbook = seedDocument({ name: "handbook.pdf", pages: HANDBOOK_PAGES, windowTokens: 40, overlapTokens: 8 });
  report = seedDocument({ name: "annual-report.pdf", pages: REPORT_PAGES, windowTokens: 40, overlapTokens: 8 });
  manual = seedDocument({ name: "pump-manual.pdf", pages: MANUAL_PAGES, windowTokens: 40, overlapTokens: 8 });
});
afterAll(() => closeAllDbs());

function top(question: string, contextTokens = 120) {
  const ids = [handbook.id, report.id, manual.id];
  const { chunks } = retrieveContext({ question, documentIds: ids, contextTokens });
  const best = [...chunks].sort((a, b) => b.score - a.score);
  return best;
}

describe("retrieval over a small realistic corpus", () => {
  it("finds the right document and page first", () => {
    const cases: [string, () => DocumentRecord, number][] = [
      ["What was the total revenue?", () => report, 2],
      ["How often should the filter be replaced?", () => manual, 2],
      ["What does error code E4 mean?", () => manual, 3],
      ["How many weeks of parental leave do parents get?", () => handbook, 6],
      ["What is the hotel reimbursement limit per night?", () => handbook, 3],
    ];
    for (const [question, doc, page] of cases) {
      const [first] = top(question);
      expect(first.documentId, question).toBe(doc().id);
      expect(first.pageStart <= page && page <= first.pageEnd, `${question}: pages ${first.pageStart}-${first.pageEnd}`).toBe(true);
    }
  });

  it("survives a long question padded with instructions", () => {
    const padded =
      "You are an investment banker preparing a briefing for a client. Please be precise and professional, and think step by step. " +
      "Using the annual report, what was the long-term debt at year end? Round your answer to two decimal places and state the unit.";
    const [first] = top(padded);
    expect(first.documentId).toBe(report.id);
    expect(first.text).toContain("Long-term debt was 2,100 million dollars");
  });

  it("fills the budget without exceeding it and ranks by score", () => {
    const { chunks, contextTokens } = retrieveContext({ question: "vacation days", documentIds: [handbook.id, report.id, manual.id], contextTokens: 60 });
    expect(contextTokens).toBeLessThanOrEqual(60);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.reduce((sum, c) => sum + c.tokens, 0)).toBeLessThanOrEqual(60);
  });

  it("returns nothing for a question with no known terms", () => {
    expect(retrieveContext({ question: "zebra quantum", documentIds: [handbook.id], contextTokens: 200 }).chunks).toEqual([]);
  });
});
