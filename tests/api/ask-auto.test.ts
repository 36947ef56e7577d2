import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "tokenwise-ask-auto-"));
process.env.OPENAI_API_KEY = "sk-test-auto-secret-0123456789";
process.env.LLM_TIMEOUT_MS = "3000";
process.env.LLM_MAX_RETRIES = "0";
process.env.ACCESS_TOKEN = "";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeAllDbs, type DocumentRecord } from "@/lib/storage";
import { countQueries, getQuery } from "@/lib/storage/queries";
import { getBudgetStatus } from "@/lib/spend/budget";
import { listQueryLog } from "@/lib/storage/spend";
import { usdToNano } from "@/lib/pricing";
import { DEFAULT_ROUTING_SETTINGS, updateRoutingSettings } from "@/lib/routing/config";
import { postAsk } from "../support/ask-api";
import { startFakeLlm, type FakeLlm } from "../support/fake-llm-server";
import { HANDBOOK_PAGES, seedDocument } from "../support/seed-documents";

let fake: FakeLlm;
let handbook: DocumentRecord;

beforeAll(async () => {
  fake = await startFakeLlm({ port: 0 });
  process.env.OPENAI_BASE_URL = fake.url;
  handbook = seedDocument({ name: "handbook.pdf", pages: HANDBOOK_PAGES, windowTokens: 48, overlapTokens: 8 });
});
afterAll(async () => {
  await fake.close();
  closeAllDbs();
});
beforeEach(() => {
  fake.calls.length = 0;
  fake.setBehavior("ok", 0);
});

const SIMPLE = "How many days of paid vacation do employees accrue per year?";
const COMPLEX = "Calculate the ratio of parental leave weeks to vacation days, defined as leave weeks / vacation days, and compare it with the remote work days per week.";

describe("mode auto", () => {
  it("routes a simple question to the small model with a small context and reports the route", async () => {
    const { status, body } = await postAsk({ question: SIMPLE, documentIds: [handbook.id], mode: "auto", noCache: true });
    expect(status).toBe(200);
    expect(body.mode).toBe("auto");
    expect(body.answerCache).toBe("miss");
    expect(body.route).toMatchObject({ tier: "simple", finalTier: "simple", escalated: false });
    expect(body.route!.why).toMatch(/^Simple: /);
    expect(body.route!.stages).toHaveLength(1);
    const [stage] = body.route!.stages;
    expect(stage).toMatchObject({ tier: "simple", model: DEFAULT_ROUTING_SETTINGS.simple.model, contextBudgetTokens: DEFAULT_ROUTING_SETTINGS.simple.contextTokens, escalated: false, compression: null });
    expect(stage.promptTokens).toBeGreaterThan(0);
    expect(stage.costUsd).toBeGreaterThan(0);
    expect(fake.calls.map((c) => c.model)).toEqual([DEFAULT_ROUTING_SETTINGS.simple.model]);
    expect(body.cost.usd).toBe(stage.costUsd);
    expect(getQuery(body.id!)?.extra.route).toMatchObject({ tier: "simple", classifiedTier: "simple" });
  });

  it("escalates once when the cheap model says the context lacks the answer; both calls charged and recorded", async () => {
    fake.setBehavior(`not-in-context-for:${DEFAULT_ROUTING_SETTINGS.simple.model}`);
    const spentBefore = usdToNano(getBudgetStatus().spentUsd);
    const queriesBefore = countQueries();
    const { body } = await postAsk({ question: SIMPLE, documentIds: [handbook.id], mode: "auto", noCache: true });
    expect(fake.calls.map((c) => c.model)).toEqual([DEFAULT_ROUTING_SETTINGS.simple.model, DEFAULT_ROUTING_SETTINGS.moderate.model]);
    expect(body.route).toMatchObject({ tier: "simple", finalTier: "moderate", escalated: true });
    expect(body.route!.escalationWhy).toMatch(/lacks it/);
    const [first, second] = body.route!.stages;
    expect(first).toMatchObject({ tier: "simple", escalated: true, lowConfidence: expect.arrayContaining(["says_not_in_context"]) });
    expect(second).toMatchObject({ tier: "moderate", model: DEFAULT_ROUTING_SETTINGS.moderate.model, escalated: false });
    // The moderate route compresses its context.
    expect(second.compression).not.toBeNull();
    expect(second.compression!.tokensAfter).toBeLessThanOrEqual(second.compression!.tokensBefore);
    expect(body.answer).not.toMatch(/do not say/);
    // Both calls cost money, both are stored with their costs, and the budget carries both.
    expect(first.costUsd).toBeGreaterThan(0);
    expect(second.costUsd).toBeGreaterThan(0);
    expect(usdToNano(body.cost.usd!)).toBe(usdToNano(first.costUsd!) + usdToNano(second.costUsd!));
    expect(body.usage.promptTokens).toBe(first.promptTokens! + second.promptTokens!);
    expect(countQueries()).toBe(queriesBefore + 2);
    const stored = [getQuery(first.queryId!), getQuery(second.queryId!)];
    expect(stored.map((q) => q?.model)).toEqual([first.model, second.model]);
    expect(stored.map((q) => q?.costNanoUsd)).toEqual([usdToNano(first.costUsd!), usdToNano(second.costUsd!)]);
    expect(stored[0]?.extra.route).toMatchObject({ tier: "simple", escalated: true });
    expect(stored[1]?.extra.route).toMatchObject({ tier: "moderate", classifiedTier: "simple", escalated: true });
    expect((usdToNano(getBudgetStatus().spentUsd)) - spentBefore).toBe(usdToNano(first.costUsd!) + usdToNano(second.costUsd!));
    // The dashboard counts one routed question that escalated once.
    const log = new Map(listQueryLog().map((entry) => [entry.id, entry]));
    expect([log.get(first.queryId!)?.routeStage, log.get(second.queryId!)?.routeStage]).toEqual(["escalated", "final"]);
  });

  it("does not escalate when the cascade is off", async () => {
    updateRoutingSettings({ cascade: false });
    try {
      fake.setBehavior(`not-in-context-for:${DEFAULT_ROUTING_SETTINGS.simple.model}`);
      const { body } = await postAsk({ question: SIMPLE, documentIds: [handbook.id], mode: "auto", noCache: true });
      expect(fake.calls).toHaveLength(1);
      expect(body.route).toMatchObject({ escalated: false, stages: [{ escalated: false, lowConfidence: ["says_not_in_context", "no_citation"] }] });
    } finally {
      updateRoutingSettings({ cascade: true });
    }
  });

  it("sends a complex question to the strong model with the full budget", async () => {
    const { body } = await postAsk({ question: COMPLEX, documentIds: [handbook.id], mode: "auto", noCache: true });
    expect(body.route).toMatchObject({ tier: "complex", stages: [{ tier: "complex", model: DEFAULT_ROUTING_SETTINGS.complex.model, contextBudgetTokens: 2000 }] });
    expect(body.route!.why).toMatch(/formula/);
    expect(fake.calls.map((c) => c.model)).toEqual([DEFAULT_ROUTING_SETTINGS.complex.model]);
  });

  it("dry run: the first route's plan, no call, nothing recorded", async () => {
    const before = countQueries();
    const { body } = await postAsk({ question: SIMPLE, documentIds: [handbook.id], mode: "auto", dryRun: true });
    expect(body).toMatchObject({ mode: "auto", status: "dry_run", id: null, route: { tier: "simple", stages: [{ model: DEFAULT_ROUTING_SETTINGS.simple.model, costUsd: null }] } });
    expect(body.route!.stages[0].promptTokens).toBe(body.usage.estimatedPromptTokens);
    expect(fake.calls).toHaveLength(0);
    expect(countQueries()).toBe(before);
  });
});

describe("answer cache", () => {
  const Q = "What is the hotel limit per night in major cities?";

  it("answers a repeated question (any case, spacing, punctuation) from the store at $0 with no LLM call", async () => {
    const first = await postAsk({ question: Q, documentIds: [handbook.id], model: "gpt-4o-mini" });
    expect(first.body.answerCache).toBe("miss");
    expect(first.body.route).toBeNull();
    expect(first.body.cost.usd).toBeGreaterThan(0);
    expect(fake.calls).toHaveLength(1);
    const spent = getBudgetStatus().spentUsd;

    const second = await postAsk({ question: "  what is the HOTEL limit per night in major cities ", documentIds: [handbook.id], model: "gpt-4o-mini" });
    expect(second.body).toMatchObject({ answerCache: "hit", answer: first.body.answer, cost: { usd: 0, estimatedUsd: 0 }, usage: { promptTokens: 0, completionTokens: 0 } });
    expect(second.body.cachedFrom).toMatchObject({ id: first.body.id, costUsd: first.body.cost.usd });
    expect(second.body.id).not.toBe(first.body.id);
    expect(fake.calls).toHaveLength(1);
    expect(getBudgetStatus().spentUsd).toBe(spent);
    expect(getQuery(second.body.id!)).toMatchObject({ costNanoUsd: 0, extra: { answerCache: "hit", cachedFrom: first.body.id } });
  });

  it("misses for another model or mode, and refreshes with noCache", async () => {
    expect((await postAsk({ question: Q, documentIds: [handbook.id], model: "gpt-4.1-mini" })).body.answerCache).toBe("miss");
    expect(fake.calls).toHaveLength(1);
    const refreshed = await postAsk({ question: Q, documentIds: [handbook.id], model: "gpt-4o-mini", noCache: true });
    expect(refreshed.body.answerCache).toBe("miss");
    expect(refreshed.body.cost.usd).toBeGreaterThan(0);
    expect(fake.calls).toHaveLength(2);
    // The refreshed answer is now the one the cache serves.
    const after = await postAsk({ question: Q, documentIds: [handbook.id], model: "gpt-4o-mini" });
    expect(after.body).toMatchObject({ answerCache: "hit", cachedFrom: { id: refreshed.body.id } });
    expect(fake.calls).toHaveLength(2);
  });

  it("does not serve a failed answer", async () => {
    fake.setBehavior("500-always");
    const failed = await postAsk({ question: "Who must approve remote work?", documentIds: [handbook.id], model: "gpt-4o-mini" });
    expect(failed.status).toBe(502);
    fake.setBehavior("ok");
    const next = await postAsk({ question: "Who must approve remote work?", documentIds: [handbook.id], model: "gpt-4o-mini" });
    expect(next.body.answerCache).toBe("miss");
  });

  it("serves an auto answer from the store with its route", async () => {
    const first = await postAsk({ question: "How long must passwords be?", documentIds: [handbook.id], mode: "auto" });
    const calls = fake.calls.length;
    const second = await postAsk({ question: "How long must passwords be?", documentIds: [handbook.id], mode: "auto" });
    expect(second.body).toMatchObject({ answerCache: "hit", mode: "auto", cost: { usd: 0 }, route: { tier: first.body.route!.tier, stages: first.body.route!.stages } });
    expect(fake.calls.length).toBe(calls);
  });

  it("a dry run says whether the answer would come from the store", async () => {
    expect((await postAsk({ question: Q, documentIds: [handbook.id], model: "gpt-4o-mini", dryRun: true })).body.answerCache).toBe("hit");
    expect((await postAsk({ question: Q, documentIds: [handbook.id], model: "gpt-4o-mini", dryRun: true, noCache: true })).body.answerCache).toBe("miss");
    expect((await postAsk({ question: "Something never asked", documentIds: [handbook.id], model: "gpt-4o-mini", dryRun: true })).body.answerCache).toBe("miss");
  });
});
