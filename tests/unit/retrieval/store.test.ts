import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "tokenwise-retrieval-"));

import { afterAll, describe, expect, it } from "vitest";
import { closeAllDbs, deleteDocument, insertDocument, type DocumentRecord } from "@/lib/storage";
import { retrieveContext } from "@/lib/retrieval";
import { countTokens } from "@/lib/tokens";

function addDocument(id: string, texts: string[], sha256 = id.padEnd(64, "0"), windowTokens = 512): void {
  const document: DocumentRecord = {
    id, name: `${id}.pdf`, sha256, bytes: 100, pages: texts.length, tokens: 0, chunks: texts.length,
    strategy: "page", windowTokens, overlapTokens: 0, encoding: "o200k_base", createdAt: 1,
  };
  const pages = texts.map((text, i) => ({ pageNumber: i + 1, text, tokens: countTokens(text) }));
  const chunks = texts.map((text, i) => ({ ord: i, pageStart: i + 1, pageEnd: i + 1, text, tokens: countTokens(text) }));
  insertDocument({ document, pages, chunks });
}

afterAll(() => closeAllDbs());

describe("retrieveContext (store-backed)", () => {
  it("finds chunks of stored documents and sees documents added or deleted later", () => {
    addDocument("doc-a", ["Lease obligations are described here.", "Revenue grew in the Americas segment."]);
    const first = retrieveContext({ question: "How did revenue grow?", documentIds: ["doc-a"], contextTokens: 500 });
    expect(first.chunks[0]).toMatchObject({ documentId: "doc-a", pageStart: 2 });

    addDocument("doc-b", ["Revenue by segment: Americas revenue grew 12%."]);
    const both = retrieveContext({ question: "Americas revenue segment", documentIds: ["doc-a", "doc-b"], contextTokens: 500 });
    expect(new Set(both.chunks.map((c) => c.documentId))).toEqual(new Set(["doc-a", "doc-b"]));

    deleteDocument("doc-b");
    const after = retrieveContext({ question: "Americas revenue segment", documentIds: ["doc-a", "doc-b"], contextTokens: 500 });
    expect(after.chunks.map((c) => c.documentId)).toEqual(["doc-a"]);
  });

  it("keeps the indexes of unchanged documents and rebuilds one stored anew under the same id", () => {
    addDocument("doc-c", ["Warranty: two years on parts and labour."]);
    expect(retrieveContext({ question: "warranty parts", documentIds: ["doc-c"], contextTokens: 500 }).chunks).toHaveLength(1);
    deleteDocument("doc-c");
    addDocument("doc-c", ["Termination requires ninety days written notice."], "c".repeat(64));
    const fresh = retrieveContext({ question: "termination notice", documentIds: ["doc-c"], contextTokens: 500 });
    expect(fresh.chunks.map((c) => c.text)).toEqual(["Termination requires ninety days written notice."]);
    expect(retrieveContext({ question: "warranty parts", documentIds: ["doc-c"], contextTokens: 500 }).chunks).toHaveLength(0);
    // The same bytes stored again under the same id with another chunking: rebuilt, not served stale.
    deleteDocument("doc-c");
    addDocument("doc-c", ["Indemnification survives termination of this agreement."], "c".repeat(64), 256);
    expect(retrieveContext({ question: "indemnification survives", documentIds: ["doc-c"], contextTokens: 500 }).chunks).toHaveLength(1);
    // doc-a's index survives the library changing and still answers.
    expect(retrieveContext({ question: "lease obligations", documentIds: ["doc-a"], contextTokens: 500 }).chunks[0]).toMatchObject({ pageStart: 1 });
  });
});
