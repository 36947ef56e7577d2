import { expect, test } from "@playwright/test";
import { AskPage, uploadPdf, type UploadedDocument } from "../support/ask-e2e";
import { FAKE_LLM_URL } from "../support/ports";

// A document of this spec's own, so its questions are not answered from other specs' cached answers.
const PAGES = [
  "Greenhouse operations guide. The tomato greenhouse is kept at 24 degrees during the day and 17 degrees at night. Vents open automatically above 28 degrees.",
  "Irrigation. Each plant receives 2.5 litres of water per day in summer and 1.2 litres in winter. The drip lines are flushed every 14 days to prevent clogging.",
  "Harvest. Tomatoes are picked three times a week. A picker fills about 40 crates per shift, and each crate holds 6 kilograms of fruit.",
];
const SMALL_MODEL = "gpt-4.1-nano";
const NEXT_MODEL = "gpt-4.1-mini";
let doc: UploadedDocument;

test.beforeAll(async ({ request }) => {
  doc = await uploadPdf(request, { name: "greenhouse-guide.pdf", pages: PAGES });
});

test.afterAll(async ({ request }) => {
  await request.post(`${FAKE_LLM_URL}/control`, { data: { behavior: "ok", delayMs: 0, reset: true } });
});

test("auto mode shows the route, why, and each stage's cost; a low-confidence answer escalates once", async ({ page, request }) => {
  // The small model answers "the documents do not say": the answer escalates to the next tier.
  await request.post(`${FAKE_LLM_URL}/control`, { data: { behavior: `not-in-context-for:${SMALL_MODEL}`, delayMs: 0, reset: true } });
  const ask = new AskPage(page);
  await ask.open();
  await ask.pickDocument(doc.id);
  await page.getByTestId("mode-auto").click();
  await ask.type("How much water does each plant receive per day in summer?");
  await ask.ask();
  await ask.waitDone();

  await expect(page.getByTestId("route-view")).toBeVisible();
  await expect(page.getByTestId("route-tier")).toHaveText("simple → moderate");
  await expect(page.getByTestId("route-why")).toContainText("Simple:");
  await expect(page.getByTestId("route-escalation")).toContainText("low confidence");
  const stages = page.getByTestId("route-stage");
  await expect(stages).toHaveCount(2);
  await expect(stages.nth(0).getByTestId("route-stage-model")).toHaveText(SMALL_MODEL);
  await expect(stages.nth(0)).toHaveAttribute("data-escalated", "true");
  await expect(stages.nth(1).getByTestId("route-stage-model")).toHaveText(NEXT_MODEL);
  await expect(stages.nth(1).getByTestId("route-stage-context")).toContainText(/compressed to 80% of the usual context from [\d,]+ tokens retrieved/);
  for (const i of [0, 1]) await expect(stages.nth(i).getByTestId("route-stage-cost")).toHaveText(/^\$0\.0\d+/);
  // The answer shown is the escalated one, not the "do not say" of the first stage.
  await expect(ask.text("answer-text")).toContainText("[p.");
  await expect(ask.text("answer-text")).not.toContainText("do not say");
  const calls = (await (await request.get(`${FAKE_LLM_URL}/calls`)).json()) as { count: number; calls: { model: string }[] };
  expect(calls.calls.map((c) => c.model)).toEqual([SMALL_MODEL, NEXT_MODEL]);
  await page.screenshot({ path: "test-results/auto-route.png", fullPage: true });
});

test("a repeated question comes from the answer cache at $0, marked, with a one-click refresh", async ({ page, request }) => {
  await request.post(`${FAKE_LLM_URL}/control`, { data: { behavior: "ok", delayMs: 0, reset: true } });
  const ask = new AskPage(page);
  await ask.open();
  await ask.pickDocument(doc.id);
  await page.getByTestId("mode-auto").click();
  await ask.type("How many crates does a picker fill per shift?");
  await ask.ask();
  await ask.waitDone();
  await expect(page.getByTestId("cache-hit")).toHaveCount(0);
  await expect(page.getByTestId("route-stage")).toHaveCount(1);
  const countAfterFirst = ((await (await request.get(`${FAKE_LLM_URL}/calls`)).json()) as { count: number }).count;
  expect(countAfterFirst).toBe(1);

  await ask.type("how many crates does a picker fill per shift");
  await ask.ask();
  await ask.waitDone();
  await expect(page.getByTestId("cache-hit")).toContainText("$0");
  await expect(ask.text("cost-usd")).toHaveText("$0");
  expect(((await (await request.get(`${FAKE_LLM_URL}/calls`)).json()) as { count: number }).count).toBe(1);
  await page.screenshot({ path: "test-results/auto-cache-hit.png", fullPage: true });

  await page.getByTestId("cache-refresh").click();
  await ask.waitDone();
  await expect(page.getByTestId("cache-hit")).toHaveCount(0);
  await expect(page.getByTestId("route-stage").first().getByTestId("route-stage-cost")).toHaveText(/^\$0\.0\d+/);
  expect(((await (await request.get(`${FAKE_LLM_URL}/calls`)).json()) as { count: number }).count).toBe(2);
});

test("a classifier model chosen in settings labels the question; its call is a stage with its cost", async ({ page, request }) => {
  await page.goto("/settings");
  await page.getByTestId("routing-classifier").selectOption("gpt-4o-mini");
  await page.getByTestId("routing-save").click();
  await expect(page.getByTestId("routing-settings-form")).toContainText("Saved");
  try {
    await request.post(`${FAKE_LLM_URL}/control`, { data: { behavior: "classify-as:moderate", delayMs: 0, reset: true } });
    const ask = new AskPage(page);
    await ask.open();
    await ask.pickDocument(doc.id);
    await page.getByTestId("mode-auto").click();
    await ask.type("At what temperature do the vents open?");
    await ask.ask();
    await ask.waitDone();

    await expect(page.getByTestId("route-why")).toContainText("The classifier model (gpt-4o-mini) labelled it moderate");
    const stages = page.getByTestId("route-stage");
    await expect(stages).toHaveCount(2);
    await expect(stages.nth(0).getByTestId("route-stage-model")).toHaveText("gpt-4o-mini");
    await expect(stages.nth(0).getByTestId("route-stage-classifier")).toHaveText("Classified the question as moderate");
    await expect(stages.nth(1).getByTestId("route-stage-model")).toHaveText(NEXT_MODEL);
    for (const i of [0, 1]) await expect(stages.nth(i).getByTestId("route-stage-cost")).toHaveText(/^\$0\.0\d+/);
    const calls = (await (await request.get(`${FAKE_LLM_URL}/calls`)).json()) as { calls: { model: string }[] };
    expect(calls.calls.map((c) => c.model)).toEqual(["gpt-4o-mini", NEXT_MODEL]);
    await page.screenshot({ path: "test-results/auto-classifier.png", fullPage: true });
  } finally {
    expect((await request.put("/api/routing", { data: { classifierModel: null } })).ok()).toBe(true);
  }
});
