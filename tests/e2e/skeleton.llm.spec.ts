import { expect, test } from "@playwright/test";
import { AskPage, uploadPdf, type UploadedDocument } from "../support/ask-e2e";
import { FAKE_LLM_URL } from "../support/ports";

const PAGES = [
  "Bakery handbook. The sourdough starter is fed twice a day with 200 grams of flour and 200 grams of water. It is kept at 26 degrees.",
  "Ovens. The deck oven is preheated to 250 degrees for 45 minutes before the first bake. Loaves bake for 38 minutes with steam for the first 12.",
  "Deliveries. The van leaves at 6:30 and serves 14 cafes on the morning round.",
];
const SKELETON_MODEL = "gpt-4o-mini";
let doc: UploadedDocument;

test.beforeAll(async ({ request }) => {
  doc = await uploadPdf(request, { name: "bakery-handbook.pdf", pages: PAGES });
});

test.afterAll(async ({ request }) => {
  // Other specs expect one call per route.
  const off = { skeleton: false };
  expect((await request.put("/api/routing", { data: { simple: off, moderate: off, complex: off } })).ok()).toBe(true);
  await request.post(`${FAKE_LLM_URL}/control`, { data: { behavior: "ok", delayMs: 0, reset: true } });
});

test("a tier set to two-stage in settings answers from a skeleton: both calls shown with their costs", async ({ page, request }) => {
  await page.goto("/settings");
  for (const tier of ["simple", "moderate", "complex"]) {
    await page.getByTestId(`routing-${tier}-skeleton`).check();
    await page.getByTestId(`routing-${tier}-skeleton-model`).selectOption(SKELETON_MODEL);
  }
  await page.getByTestId("routing-settings-form").screenshot({ path: "test-results/routing-skeleton-settings.png" });
  await page.getByTestId("routing-save").click();
  await expect(page.getByTestId("routing-settings-form")).toContainText("Saved");

  await request.post(`${FAKE_LLM_URL}/control`, { data: { behavior: "ok", delayMs: 0, reset: true } });
  const ask = new AskPage(page);
  await ask.open();
  await ask.pickDocument(doc.id);
  await page.getByTestId("mode-auto").click();
  await ask.type("How long do loaves bake in the deck oven?");
  await ask.ask();
  await ask.waitDone();

  const stages = page.getByTestId("route-stage");
  await expect(stages).toHaveCount(2);
  await expect(stages.nth(0).getByTestId("route-stage-model")).toHaveText(SKELETON_MODEL);
  await expect(stages.nth(0).getByTestId("route-stage-skeleton")).toHaveAttribute("data-step", "skeleton");
  await expect(stages.nth(1).getByTestId("route-stage-skeleton")).toHaveAttribute("data-step", "answer");
  await expect(stages.nth(1).getByTestId("route-stage-skeleton")).toContainText("answered from the skeleton (pages");
  for (const i of [0, 1]) await expect(stages.nth(i).getByTestId("route-stage-cost")).toHaveText(/^\$0\.0\d+/);
  await expect(ask.text("answer-text")).toContainText("[p.");
  const calls = (await (await request.get(`${FAKE_LLM_URL}/calls`)).json()) as { calls: { model: string }[] };
  expect(calls.calls[0].model).toBe(SKELETON_MODEL);
  expect(calls.calls).toHaveLength(2);
  await page.screenshot({ path: "test-results/route-skeleton.png", fullPage: true });
});
