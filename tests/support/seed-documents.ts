/**
 * Puts a document straight into the store for tests that are not about ingestion: its pages, and chunks
 * made by the product's own chunker.
 */
import { createHash, randomUUID } from "node:crypto";
import { chunkPages } from "../../lib/chunking";
import { insertDocument, type DocumentRecord } from "../../lib/storage/documents";
import { countTokens } from "../../lib/tokens";

export function seedDocument({ name, pages, windowTokens = 128, overlapTokens = 16 }: { name: string; pages: string[]; windowTokens?: number; overlapTokens?: number }): DocumentRecord {
  const pageTexts = pages.map((text, i) => ({ pageNumber: i + 1, text }));
  const stored = pageTexts.map((p) => ({ ...p, tokens: countTokens(p.text) }));
  const chunks = chunkPages({ pages: pageTexts, strategy: "window", windowTokens, overlapTokens, encoding: "o200k_base" });
  const document: DocumentRecord = {
    id: randomUUID(),
    name,
    sha256: createHash("sha256").update(name + "\u0000" + pages.join("\u0000")).digest("hex"),
    bytes: pages.join("").length,
    pages: pages.length,
    tokens: stored.reduce((sum, p) => sum + p.tokens, 0),
    chunks: chunks.length,
    strategy: "window",
    windowTokens,
    overlapTokens,
    encoding: "o200k_base",
    createdAt: Date.now(),
  };
  insertDocument({ document, pages: stored, chunks });
  return document;
}

/** A small realistic handbook: each page about one topic, with filler so windows overlap. */
export const HANDBOOK_PAGES: string[] = [
  "Employee Handbook. Welcome to Northwind Traders. This handbook describes our policies on time off, travel, equipment and security. Read it in your first week.",
  "Vacation policy. Full-time employees accrue 25 days of paid vacation per year. Vacation requests must be submitted at least two weeks in advance through the HR portal. Unused vacation days carry over up to a maximum of 5 days into the next year.",
  "Travel expenses. Economy class is required for flights under six hours. Hotel costs are reimbursed up to 180 euros per night in major cities. Submit receipts within 30 days of returning from a trip.",
  "Remote work. Employees may work remotely up to three days per week with their manager's approval. The company provides a laptop and a monitor for home offices.",
  "Security. Passwords must be at least 14 characters long and changed every 12 months. Report lost laptops to the IT helpdesk within 24 hours. Never share your access badge.",
  "Parental leave. Parents receive 16 weeks of fully paid parental leave. Leave can be split into two blocks within the first year after birth or adoption.",
];
