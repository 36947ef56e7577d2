import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { formatUsd } from "../../lib/pricing/cost";
import { AskPage, uploadPdf, type UploadedDocument } from "../support/ask-e2e";
import { estimateNano, fakeControl, listLogged, resetBudget, toNano } from "../support/spend-e2e";

// This spec's own document: its questions are told apart from other specs' in the shared store.
const PAGES = [
  "Orchard care guide. Apple trees are pruned in late winter, before the buds open. Remove dead wood first, then crossing branches, then thin the crown so light reaches the fruit.",
  "Watering. Young trees need twenty litres of water a week in their first summer. Mature trees are watered only in long dry spells, deeply, once every ten days.",
  "Harvest. Apples are ready when they come away with a gentle twist. Store them in a cool dark shed at four degrees; check the crates weekly and remove any fruit that has begun to rot.",
];
const QUESTIONS = ["When are apple trees pruned?", "How much water do young trees need?", "At what temperature are apples stored?"];
const MODEL = "gpt-4o-mini";
let doc: UploadedDocument;

interface Answer {
  id: string;
  cost: { usd: number; usdIsEstimate: boolean };
}

test.beforeAll(async ({ request }) => {
  doc = await uploadPdf(request, { name: "orchard-guide.pdf", pages: PAGES });
  await fakeControl(request, { behavior: "ok", delayMs: 0, reset: true });
});

test.afterAll(async ({ request }) => {
  await resetBudget(request);
  await request.delete(`/api/prices/${encodeURIComponent(MODEL)}`); // 404 when already reset
});

/** Asks through the Ask page; returns the logged question, whose cost must be the one shown beside the answer. */
async function askInUi(page: Page, request: APIRequestContext, question: string): Promise<Answer> {
  const ask = new AskPage(page);
  await ask.open();
  await ask.pickDocument(doc.id);
  await ask.type(question);
  await ask.ask();
  await ask.waitDone();
  const [latest] = await listLogged(request, `documentId=${doc.id}&limit=1`);
  expect(latest).toMatchObject({ status: "ok", model: MODEL });
  const answer: Answer = { id: latest.id, cost: { usd: latest.costUsd as number, usdIsEstimate: latest.costIsEstimate } };
  // The cost beside the answer is this cost.
  await expect(page.getByTestId("cost-usd")).toContainText(formatUsd(answer.cost.usd));
  return answer;
}

async function dashboardTotalUsd(page: Page): Promise<number> {
  await page.goto("/dashboard");
  return Number(await page.getByTestId("spend-total").getAttribute("data-usd"));
}

test("after a few questions the dashboard's totals equal the sum of the costs beside the answers, and the CSV has the same rows", async ({ page, request }) => {
  test.setTimeout(120_000);
  const before = await dashboardTotalUsd(page);

  const answers: Answer[] = [];
  for (const question of QUESTIONS) answers.push(await askInUi(page, request, question));
  const sumNano = answers.reduce((sum, a) => sum + toNano(a.cost.usd), 0);
  expect(sumNano).toBeGreaterThan(0);
  expect(answers.every((a) => !a.cost.usdIsEstimate)).toBe(true);

  // The month's total moved by exactly the costs shown beside the answers.
  const after = await dashboardTotalUsd(page);
  expect(toNano(after) - toNano(before)).toBe(sumNano);
  await expect(page.getByTestId("chart-by-model-list").locator(`[data-key="${MODEL}"]`)).toBeVisible();
  await expect(page.getByTestId("chart-by-document-list").locator(`[data-key="${doc.id}"]`)).toBeVisible();
  const byDocument = Number(await page.getByTestId("chart-by-document-list").locator(`[data-key="${doc.id}"]`).getAttribute("data-usd"));
  expect(toNano(byDocument)).toBe(sumNano);

  // The question table, filtered to this document: the same three, newest first, with the same costs.
  await page.getByTestId("filter-document").selectOption(doc.id);
  const rows = page.getByTestId("query-row");
  await expect(rows).toHaveCount(3);
  const rowIds = await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-id")));
  expect(rowIds).toEqual(answers.map((a) => a.id).reverse());
  const rowUsd = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-usd"))));
  expect(rowUsd.map(toNano)).toEqual(answers.map((a) => toNano(a.cost.usd)).reverse());
  expect(toNano(Number(await page.getByTestId("query-table-total").getAttribute("data-usd")))).toBe(sumNano);
  await page.screenshot({ path: "test-results/dashboard.png", fullPage: true });

  // The CSV behind the table's link: the same rows and costs.
  const href = (await page.getByTestId("csv-link").getAttribute("href")) as string;
  expect(href).toContain(`documentId=${doc.id}`);
  const csv = await request.get(href);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trimEnd().split("\r\n");
  expect(lines[0]).toBe("id,createdAt,question,documents,mode,model,promptTokens,cachedTokens,completionTokens,estimatedUsd,costUsd,latencyMs");
  const cells = lines.slice(1).map((line) => line.split(","));
  expect(cells.map((c) => c[0])).toEqual(rowIds);
  expect(cells.reduce((sum, c) => sum + toNano(Number(c[10])), 0)).toBe(sumNano);

  // Each row links to its answer, with the same cost.
  await rows.first().getByTestId("answer-link").click();
  await expect(page.getByTestId("stored-question")).toHaveText(QUESTIONS[2]);
  expect(toNano(Number(await page.getByTestId("stored-cost-usd").getAttribute("data-usd")))).toBe(toNano(answers[2].cost.usd));
});

test("a tiny budget makes the next question refused, with its message shown in the UI", async ({ page, request }) => {
  try {
    await page.goto("/settings");
    await page.getByTestId("budget-monthly").fill("0.000001");
    await page.getByTestId("budget-on-exceed").selectOption("block");
    await page.getByTestId("budget-save").click();
    await expect(page.getByTestId("budget-save-message")).toContainText("Budget saved");
    await page.screenshot({ path: "test-results/settings.png", fullPage: true });

    await page.goto("/dashboard");
    await expect(page.getByTestId("budget-alert")).toContainText("Budget used up");
    await page.screenshot({ path: "test-results/dashboard-over-budget.png" });

    const ask = new AskPage(page);
    await ask.open();
    await ask.pickDocument(doc.id);
    await ask.type("How are apples checked in storage?");
    await ask.ask();
    const error = page.getByTestId("answer-error");
    await expect(error).toContainText("budget_exceeded");
    await expect(error).toContainText("left of this month's budget");
    await expect(error).toContainText("offline answerer");
  } finally {
    await resetBudget(request);
  }
});

test("editing a price changes the next estimate; past questions keep their cost", async ({ page, request }) => {
  const question = "When are apple trees pruned?";
  const before = await estimateNano(request, { question, documentIds: [doc.id], model: MODEL });
  const ask = new AskPage(page);
  await ask.open();
  await ask.pickDocument(doc.id);
  await ask.type(question);
  await expect(page.getByTestId("preview-chunked-usd")).toHaveText(formatUsd(before / 1e9));
  const totalBefore = await dashboardTotalUsd(page);

  await page.goto("/settings");
  const row = page.locator(`[data-testid="price-row"][data-model="${MODEL}"]`);
  await row.getByTestId("price-edit").click();
  await page.getByTestId("edit-input").fill("0.3");
  await page.getByTestId("edit-output").fill("1.2");
  await page.getByTestId("price-save").click();
  await expect(page.getByTestId("price-message")).toContainText("apply from the next question");
  await expect(row.getByTestId("price-input")).toHaveText("$0.30");
  await expect(row).toContainText("edited");

  // Both prices doubled: so does the estimate (to the nano-dollar, give or take rounding).
  const after = await estimateNano(request, { question, documentIds: [doc.id], model: MODEL });
  expect(Math.abs(after - 2 * before)).toBeLessThanOrEqual(1);
  await ask.open();
  await ask.pickDocument(doc.id);
  await ask.type(question);
  await expect(page.getByTestId("preview-chunked-usd")).toHaveText(formatUsd(after / 1e9));
  expect(toNano(await dashboardTotalUsd(page))).toBe(toNano(totalBefore));

  // Reset: the catalog price is back.
  await page.goto("/settings");
  await row.getByTestId("price-remove").click();
  await expect(row.getByTestId("price-input")).toHaveText("$0.15");
  expect(await estimateNano(request, { question, documentIds: [doc.id], model: MODEL })).toBe(before);
});
