import os from "node:os";
import path from "node:path";
import fs from "node:fs";
process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "tokenwise-answer-cache-"));
import { describe, expect, it } from "vitest";
import { findCachedAnswer, mergeQueryExtra, setQueryCacheKey } from "@/lib/storage/answer-cache";
import { getQuery, insertQuery, type QueryRecord } from "@/lib/storage/queries";

function record(id: string, createdAt: number, fields: Partial<QueryRecord> = {}): QueryRecord {
  return {
    id,
    createdAt,
    question: "What was revenue?",
    documentIds: ["d1"],
    documentNames: ["report.pdf"],
    mode: "chunked",
    model: "gpt-4o-mini",
    status: "ok",
    errorCode: null,
    promptTokens: 100,
    cachedTokens: 0,
    completionTokens: 20,
    estimatedPromptTokens: 100,
    estimatedNanoUsd: 1000,
    costNanoUsd: 900,
    costIsEstimate: false,
    fullContextNanoUsd: 5000,
    fullContextFits: true,
    latencyMs: 10,
    answer: `answer ${id}`,
    citations: [],
    extra: { route: { tier: "simple" } },
    ...fields,
  };
}

describe("answer cache store", () => {
  it("finds nothing for an unknown key", () => {
    expect(findCachedAnswer("a1:none")).toBeUndefined();
  });

  it("returns the latest ok answer with the key, skipping errors and untagged questions", () => {
    insertQuery(record("q1", 1000));
    insertQuery(record("q2", 2000));
    insertQuery(record("q3", 3000, { status: "error", answer: null, errorCode: "llm_error" }));
    insertQuery(record("q4", 4000));
    setQueryCacheKey("q1", "k");
    setQueryCacheKey("q2", "k");
    setQueryCacheKey("q3", "k");
    expect(findCachedAnswer("k")?.id).toBe("q2");
    expect(findCachedAnswer("k")?.answer).toBe("answer q2");
  });

  it("skips an aborted answer", () => {
    insertQuery(record("q5", 5000, { status: "aborted" }));
    setQueryCacheKey("q5", "k");
    expect(findCachedAnswer("k")?.id).toBe("q2");
  });

  it("merges into a question's extra without losing what was there", () => {
    mergeQueryExtra("q1", { answerCache: "miss" });
    expect(getQuery("q1")?.extra).toEqual({ route: { tier: "simple" }, answerCache: "miss" });
    mergeQueryExtra("missing", { x: 1 });
    expect(getQuery("missing")).toBeUndefined();
  });
});
