import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "tokenwise-ask-skeleton-"));
process.env.OPENAI_API_KEY = "sk-test-skeleton-secret-0123456789";
process.env.LLM_TIMEOUT_MS = "3000";
process.env.LLM_MAX_RETRIES = "0";
process.env.ACCESS_TOKEN = "";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeAllDbs, type DocumentRecord } from "@/lib/storage";
import { getQuery } from "@/lib/storage/queries";
import { getBudgetStatus } from "@/lib/spend/budget";
import { usdToNano } from "@/lib/pricing";
import { saveRoutingSettings, updateRoutingSettings } from "@/lib/routing/config";
import { parseSkeleton, selectSkeletonPages } from "@/lib/routing/skeleton";
import { postAsk, pricedCall } from "../support/ask-api";
import { startFakeLlm, type FakeLlm } from "../support/fake-llm-server";
import { HANDBOOK_PAGES, seedDocument } from "../support/seed-documents";

let fake: FakeLlm;
let handbook: DocumentRecord;
const SKELETON_MODEL = "gpt-4o-mini";
const ANSWER_MODEL = "gpt-4.1-nano";

beforeAll(async () => {
  fake = await startFakeLlm({ port: 0 });
  process.env.OPENAI_BASE_URL = fake.url;
  handbook = seedDocument({ name: "handbook.pdf", pages: HANDBOOK_PAGES, windowTokens: 48, overlapTokens: 8 });
  const route = { model: ANSWER_MODEL, skeleton: true, skeletonModel: SKELETON_MODEL };
  updateRoutingSettings({ simple: route, moderate: route, complex: route, cascade: false });
});
afterAll(async () => {
  await fake.close();
  closeAllDbs();
});
beforeEach(() => {
  fake.calls.length = 0;
  fake.setBehavior("ok", 0);
});

const QUESTION = "How many days of paid vacation do employees accrue per year?";

describe("two-stage compression (skeleton) on an auto route", () => {
  it("makes both calls: the cheap model writes a skeleton, the route's model answers from it and the pages it points to; both costs recorded", async () => {
    const spentBefore = usdToNano(getBudgetStatus().spentUsd);
    const { status, body } = await postAsk({ question: QUESTION, documentIds: [handbook.id], mode: "auto", noCache: true });
    expect(status).toBe(200);
    expect(fake.calls.map((c) => c.model)).toEqual([SKELETON_MODEL, ANSWER_MODEL]);
    const [condense, answer] = fake.calls;
    expect(condense.messages[0].content).toMatch(/^You condense document text into a skeleton/);

    const [first, second] = body.route!.stages;
    expect(body.route!.stages).toHaveLength(2);
    expect(body.route!.escalated).toBe(false);
    // The stand-in's skeleton points at the first passage's page; the answer's prompt has the skeleton and that page's original text.
    expect(first.skeleton).toMatchObject({ step: "skeleton", fallback: null });
    expect(first.skeleton!.pages).toHaveLength(1);
    const page = first.skeleton!.pages[0];
    expect(second.skeleton).toEqual({ step: "answer", pages: [page], fallback: null });
    expect(answer.messages[1].content).toContain("[Skeleton of the documents");
    expect(answer.messages[1].content).toContain(HANDBOOK_PAGES[page - 1].slice(0, 60));
    expect(body.citations.map((c) => c.pageStart)).toEqual([page]);
    expect(first.model).toBe(SKELETON_MODEL);
    expect(second.model).toBe(ANSWER_MODEL);

    // Each call's cost is the stand-in's usage priced by the catalog, stored with its own question, and the budget carries both.
    expect(usdToNano(first.costUsd!)).toBe(pricedCall(condense));
    expect(usdToNano(second.costUsd!)).toBe(pricedCall(answer));
    expect(getQuery(first.queryId!)?.costNanoUsd).toBe(pricedCall(condense));
    expect(getQuery(second.queryId!)?.costNanoUsd).toBe(pricedCall(answer));
    expect(usdToNano(body.cost.usd!)).toBe(pricedCall(condense) + pricedCall(answer));
    expect(usdToNano(getBudgetStatus().spentUsd) - spentBefore).toBe(pricedCall(condense) + pricedCall(answer));
    expect(getQuery(second.queryId!)?.extra.route).toMatchObject({ stages: [{ skeleton: { step: "skeleton" } }, { skeleton: { step: "answer" } }] });
  });

  it("falls back to the extractive context when the skeleton is malformed, and says so", async () => {
    fake.setBehavior("skeleton-malformed");
    const { status, body } = await postAsk({ question: QUESTION, documentIds: [handbook.id], mode: "auto", noCache: true });
    expect(status).toBe(200);
    expect(fake.calls.map((c) => c.model)).toEqual([SKELETON_MODEL, ANSWER_MODEL]);
    const [first, second] = body.route!.stages;
    expect(first.skeleton).toMatchObject({ step: "skeleton", pages: [] });
    expect(first.skeleton!.fallback).toMatch(/not valid JSON.*extractive context/);
    expect(second.skeleton!.fallback).toBe(first.skeleton!.fallback);
    // The answer's prompt is the usual one over the compressed (extractive) context.
    expect(fake.calls[1].messages[0].content).toMatch(/^You answer questions about documents/);
    expect(fake.calls[1].messages[1].content).not.toContain("[Skeleton of the documents");
    expect(second.compression).not.toBeNull();
    expect(usdToNano(body.cost.usd!)).toBe(pricedCall(fake.calls[0]) + pricedCall(fake.calls[1]));
    expect(body.answer).toMatch(/According to the documents/);
  });

  it("refuses a skeleton model the price catalog does not know", () => {
    expect(() => saveRoutingSettings({ simple: { skeletonModel: "no-such-model" } })).toThrow(/does not know the model "no-such-model"/);
  });
});

describe("skeleton parsing and page choice", () => {
  it("reads bare or fenced JSON and rejects prose, wrong shapes and empty skeletons", () => {
    const json = '{"facts":[{"text":"Vacation is 20 days","page":2}],"figures":[{"label":"vacation days","value":20,"page":2}],"pages":[2,3]}';
    expect(parseSkeleton(json)?.pages).toEqual([2, 3]);
    expect(parseSkeleton("```json\n" + json + "\n```")?.facts).toHaveLength(1);
    expect(parseSkeleton("Vacation is 20 days [p. 2].")).toBeNull();
    expect(parseSkeleton('{"facts":"many"}')).toBeNull();
    expect(parseSkeleton('{"facts":[],"figures":[],"pages":[]}')).toBeNull();
  });
  it("sends the pages the skeleton points to, most relevant first, within the budget", () => {
    const skeleton = { facts: [{ text: "x", page: 5 }], figures: [], pages: [3, 1] };
    const pages = [1, 3, 5].map((n) => ({ documentId: "d", documentName: "d.pdf", pageStart: n, pageEnd: n, text: `page ${n}`, tokens: 100 }));
    expect(selectSkeletonPages({ skeleton, pages, budgetTokens: 1000 }).map((p) => p.pageStart)).toEqual([3, 1, 5]);
    expect(selectSkeletonPages({ skeleton, pages, budgetTokens: 250 }).map((p) => p.pageStart)).toEqual([3, 1]);
  });
});
