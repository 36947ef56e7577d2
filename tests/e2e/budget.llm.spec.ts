import { expect, test } from "@playwright/test";
import { uploadPdf, type UploadedDocument } from "../support/ask-e2e";
import { FAKE_LLM_URL } from "../support/ports";
import { estimateNano, fakeCallCount, fakeControl, getBudget, listLogged, putBudget, resetBudget, toNano } from "../support/spend-e2e";

// A document of this spec's own, so its questions can be told apart from other specs' in the shared store.
const PAGES = [
  "Lighthouse keeping manual. The lamp of the north lighthouse is cleaned every morning at six. The keeper logs the weather, the visibility in nautical miles and every passing ship.",
  "Fuel and supplies. The generator holds enough diesel for forty days. Supplies arrive by boat every second Tuesday when the sea state allows a landing at the east jetty.",
  "Emergencies. In fog the horn sounds twice every thirty seconds. A keeper who sees a vessel in distress calls the coast guard on channel sixteen and fires one red flare.",
];
const QUESTION = "How often does the fog horn sound?";
const MODEL = "gpt-4o-mini";
let doc: UploadedDocument;

test.beforeAll(async ({ request }) => {
  doc = await uploadPdf(request, { name: "lighthouse-manual.pdf", pages: PAGES });
});

test.afterAll(async ({ request }) => {
  await resetBudget(request);
  await fakeControl(request, { behavior: "ok", delayMs: 0, reset: true });
});

test("twenty questions at once against a budget that holds five: five answered, fifteen refused before any call, nothing overrun or lost", async ({ request }) => {
  test.setTimeout(90_000);
  const estimate = await estimateNano(request, { question: QUESTION, documentIds: [doc.id], model: MODEL });
  expect(estimate).toBeGreaterThan(0);

  expect((await getBudget(request)).reservedUsd).toBe(0);

  // Every question skips the answer cache: each one is a real, priced call.
  // Warm the answer path once (so no first-call delay runs into the LLM timeout), then count from zero.
  await fakeControl(request, { behavior: "ok", delayMs: 0 });
  await putBudget(request, { monthlyUsd: null });
  const warm = await request.post("/api/ask", { data: { question: "Warm-up: when is the lamp cleaned?", model: MODEL, documentIds: [doc.id], noCache: true } });
  expect(warm.status()).toBe(200);
  const warmId = ((await warm.json()) as { id: string }).id;
  const spentBefore = toNano((await getBudget(request)).spentUsd);
  // Room for exactly five reservations (plus half of one, which fits none).
  const budgetNano = spentBefore + 5 * estimate + Math.floor(estimate / 2);
  await putBudget(request, { monthlyUsd: budgetNano / 1e9, onExceed: "block", alertPercent: 80 });
  expect(toNano((await getBudget(request)).remainingUsd ?? -1)).toBe(5 * estimate + Math.floor(estimate / 2));

  // A slow answer keeps all five reservations held while the other fifteen arrive.
  await fakeControl(request, { behavior: "slow", delayMs: 2000, reset: true });
  const responses = await Promise.all(
    Array.from({ length: 20 }, () => request.post("/api/ask", { data: { question: QUESTION, documentIds: [doc.id], model: MODEL, noCache: true }, timeout: 60_000 })),
  );
  const statuses = responses.map((r) => r.status());
  const bodies = await Promise.all(responses.map((r) => r.json()));

  expect(statuses.filter((s) => s === 200)).toHaveLength(5);
  expect(statuses.filter((s) => s === 402)).toHaveLength(15);
  for (const [index, body] of bodies.entries()) {
    if (statuses[index] !== 402) continue;
    expect(body.error.code).toBe("budget_exceeded");
    expect(typeof body.error.message).toBe("string");
    expect(toNano(body.error.estimatedUsd)).toBe(estimate);
    expect(toNano(body.error.remainingUsd)).toBeLessThan(estimate);
  }

  // No model call for a refused question.
  expect(await fakeCallCount(request)).toBe(5);

  // Charged within the budget, nothing left reserved, and the ledger matches the answers' costs.
  const answered = bodies.filter((_, i) => statuses[i] === 200) as { id: string; cost: { usd: number } }[];
  const chargedNano = answered.reduce((sum, b) => sum + toNano(b.cost.usd), 0);
  const after = await getBudget(request);
  expect(after.reservedUsd).toBe(0);
  expect(toNano(after.spentUsd)).toBeLessThanOrEqual(budgetNano);
  expect(toNano(after.spentUsd) - spentBefore).toBe(chargedNano);
  expect(chargedNano).toBeLessThanOrEqual(5 * estimate);

  // Every question is in the log: five answered, fifteen refused.
  const logged = await listLogged(request, `documentId=${doc.id}`);
  const burst = logged.filter((q) => q.id !== warmId);
  expect(burst).toHaveLength(20);
  expect(burst.filter((q) => q.status === "ok").map((q) => q.id).sort()).toEqual(answered.map((b) => b.id).sort());
  expect(burst.filter((q) => q.status === "error" && q.errorCode === "budget_exceeded")).toHaveLength(15);
  expect(burst.filter((q) => q.errorCode === "budget_exceeded").every((q) => q.chargedUsd === 0)).toBe(true);
});

test("with downgrade, a question that does not fit goes to the cheapest configured model and says so", async ({ request }) => {
  await fakeControl(request, { behavior: "ok", delayMs: 0, reset: true });
  const question = "What does a keeper do on seeing a vessel in distress?";
  const expensive = await estimateNano(request, { question, documentIds: [doc.id], model: "gpt-4o" });
  const cheap = await estimateNano(request, { question, documentIds: [doc.id], model: MODEL });
  expect(cheap).toBeLessThan(expensive);
  const spent = toNano((await getBudget(request)).spentUsd);
  // What is left fits the default model (always configured) but not gpt-4o.
  await putBudget(request, { monthlyUsd: (spent + cheap + 10) / 1e9, onExceed: "downgrade" });

  const res = await request.post("/api/ask", { data: { question, documentIds: [doc.id], model: "gpt-4o", noCache: true } });
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { model: string; cost: { estimatedUsd: number }; budgetDowngrade: { requestedModel: string; model: string; changes: string[]; reason: string } };
  expect(body.model).not.toBe("gpt-4o");
  expect(body.budgetDowngrade).toMatchObject({ requestedModel: "gpt-4o", model: body.model });
  expect(body.budgetDowngrade.changes.join(" ")).toContain(`Answered with ${body.model} instead of gpt-4o, the cheapest configured model.`);
  expect(body.budgetDowngrade.reason).toContain("left of this month's budget");
  // The cheapest configured model is at most as dear as the default one.
  expect(toNano(body.cost.estimatedUsd)).toBeLessThanOrEqual(cheap);
  const sent = (await (await request.get(`${FAKE_LLM_URL}/calls`)).json()) as { count: number; calls: { model: string }[] };
  expect(sent.count).toBe(1);
  expect(sent.calls[0].model).toBe(body.model);

  // Nothing left to fit: refused before any call, even with downgrade.
  const callsBefore = await fakeCallCount(request);
  await putBudget(request, { monthlyUsd: toNano((await getBudget(request)).spentUsd) / 1e9 });
  const refused = await request.post("/api/ask", { data: { question, documentIds: [doc.id], model: "gpt-4o", noCache: true } });
  expect(refused.status()).toBe(402);
  expect((await refused.json()).error.code).toBe("budget_exceeded");
  expect(await fakeCallCount(request)).toBe(callsBefore);
});
