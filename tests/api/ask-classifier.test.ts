import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "tokenwise-ask-classifier-"));
process.env.OPENAI_API_KEY = "sk-test-classifier-secret-0123456789";
process.env.LLM_TIMEOUT_MS = "3000";
process.env.LLM_MAX_RETRIES = "0";
process.env.ACCESS_TOKEN = "";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeAllDbs, type DocumentRecord } from "@/lib/storage";
import { getQuery } from "@/lib/storage/queries";
import { getBudgetStatus } from "@/lib/spend/budget";
import { usdToNano } from "@/lib/pricing";
import { DEFAULT_ROUTING_SETTINGS, getRoutingSettings, saveRoutingSettings } from "@/lib/routing/config";
import { parseTierLabel } from "@/lib/routing/classify-llm";
import { postAsk, pricedCall } from "../support/ask-api";
import { startFakeLlm, type FakeLlm } from "../support/fake-llm-server";
import { HANDBOOK_PAGES, seedDocument } from "../support/seed-documents";

let fake: FakeLlm;
let handbook: DocumentRecord;
const CLASSIFIER = "gpt-4o-mini";

beforeAll(async () => {
  fake = await startFakeLlm({ port: 0 });
  process.env.OPENAI_BASE_URL = fake.url;
  handbook = seedDocument({ name: "handbook.pdf", pages: HANDBOOK_PAGES, windowTokens: 48, overlapTokens: 8 });
  saveRoutingSettings({ classifierModel: CLASSIFIER, cascade: false });
});
afterAll(async () => {
  await fake.close();
  closeAllDbs();
});
beforeEach(() => {
  fake.calls.length = 0;
  fake.setBehavior("ok", 0);
});

// The rules call this simple: one fact looked up, found clearly on one page.
const QUESTION = "How many days of paid vacation do employees accrue per year?";

describe("mode auto with a classifier model", () => {
  it("asks the classifier model with the question alone, routes by its label, and charges its call as a stage", async () => {
    fake.setBehavior("classify-as:complex");
    const spentBefore = usdToNano(getBudgetStatus().spentUsd);
    const { status, body } = await postAsk({ question: QUESTION, documentIds: [handbook.id], mode: "auto", noCache: true });
    expect(status).toBe(200);
    expect(fake.calls.map((c) => c.model)).toEqual([CLASSIFIER, DEFAULT_ROUTING_SETTINGS.complex.model]);
    const [label, answer] = fake.calls;
    // No document text in the classifier's prompt: only the instructions and the question.
    expect(label.messages).toHaveLength(2);
    expect(label.messages[1].content).toContain(QUESTION);
    expect(label.messages.map((m) => m.content).join("\n")).not.toContain("25 days of paid vacation");
    expect(label.usage!.prompt_tokens).toBeLessThan(200);

    const route = body.route!;
    expect(route.tier).toBe("complex");
    expect(route.why).toMatch(/^The classifier model \(gpt-4o-mini\) labelled it complex\. The rules said simple/);
    expect(route.stages).toHaveLength(2);
    const [classify, answered] = route.stages;
    expect(classify).toMatchObject({ model: CLASSIFIER, classifier: { label: "complex", fallback: null }, contextTokens: 0 });
    expect(answered).toMatchObject({ tier: "complex", model: DEFAULT_ROUTING_SETTINGS.complex.model });
    expect(body.answer).toMatch(/According to the documents/);

    // Both calls priced from the stand-in's usage, stored as questions of their own, and carried by the budget.
    expect(usdToNano(classify.costUsd!)).toBe(pricedCall(label));
    expect(getQuery(classify.queryId!)?.costNanoUsd).toBe(pricedCall(label));
    expect(usdToNano(body.cost.usd!)).toBe(pricedCall(label) + pricedCall(answer));
    expect(usdToNano(getBudgetStatus().spentUsd) - spentBefore).toBe(pricedCall(label) + pricedCall(answer));
  });

  it("falls back to the rules when the classifier's reply names no tier, and says so", async () => {
    fake.setBehavior("classify-malformed");
    const { status, body } = await postAsk({ question: QUESTION, documentIds: [handbook.id], mode: "auto", noCache: true });
    expect(status).toBe(200);
    expect(fake.calls.map((c) => c.model)).toEqual([CLASSIFIER, DEFAULT_ROUTING_SETTINGS.simple.model]);
    const [classify] = body.route!.stages;
    expect(classify.classifier).toEqual({ label: null, fallback: expect.stringMatching(/named no tier.*rules chose/) });
    expect(body.route!.tier).toBe("simple");
    expect(usdToNano(body.cost.usd!)).toBe(pricedCall(fake.calls[0]) + pricedCall(fake.calls[1]));
  });

  it("stores the classifier with the routes, refuses an unknown model, and goes back to the rules with null", () => {
    expect(getRoutingSettings().classifierModel).toBe(CLASSIFIER);
    expect(() => saveRoutingSettings({ classifierModel: "no-such-model" })).toThrow(/does not know the model "no-such-model" \(classifier\)/);
    expect(saveRoutingSettings({ classifierModel: null }).classifierModel).toBeNull();
    saveRoutingSettings({ classifierModel: CLASSIFIER });
  });
});

describe("parseTierLabel", () => {
  it("reads the tier a reply names, and nothing from a reply naming none or several", () => {
    expect(parseTierLabel("Complex.")).toBe("complex");
    expect(parseTierLabel("  moderate")).toBe("moderate");
    expect(parseTierLabel("Label: simple")).toBe("simple");
    expect(parseTierLabel("simple, though it borders on moderate")).toBe("simple");
    expect(parseTierLabel("Not simple but complex")).toBeNull();
    expect(parseTierLabel("It depends.")).toBeNull();
    expect(parseTierLabel("")).toBeNull();
  });
});
