import { expect, test } from "@playwright/test";
import { AskPage, uploadHandbook, type UploadedDocument } from "../support/ask-e2e";

let handbook: UploadedDocument;

test.beforeAll(async ({ request }) => {
  handbook = await uploadHandbook(request);
});

test("the offline answerer answers in chunked mode with a cost card at $0", async ({ page }) => {
  const ask = new AskPage(page);
  await ask.open();
  await expect(ask.text("offline-notice")).toContainText("Offline answerer: no LLM configured, $0");
  await ask.pickDocument(handbook.id);
  await ask.type("How many days of paid vacation do employees accrue per year?");
  // The live preview prices both modes at the configured model's prices.
  await expect(ask.text("preview-chunked-tokens")).toBeVisible();
  await expect(ask.text("preview-full-tokens")).toBeVisible();
  expect(await ask.number("preview-chunked-tokens")).toBeLessThan(await ask.number("preview-full-tokens"));
  await expect(ask.text("preview-chunked-usd")).not.toHaveText("$0");

  await ask.ask();
  await ask.waitDone();
  await expect(ask.text("answer-text")).toContainText("25 days of paid vacation");
  await expect(ask.text("answer-text")).toContainText("[p");
  await expect(ask.text("offline-label")).toHaveText("Offline answerer: no LLM configured, $0");
  await expect(ask.text("cost-usd")).toHaveText("$0");
  await expect(ask.text("cost-mode")).toContainText("Chunked · offline");
  expect(await ask.number("cost-prompt-tokens")).toBeGreaterThan(100);
  await expect(page.getByTestId("citation")).not.toHaveCount(0);
});

test("full-document mode sends every page, one citation per page", async ({ page }) => {
  const ask = new AskPage(page);
  await ask.open();
  await ask.pickDocument(handbook.id);
  await ask.mode("full");
  await ask.type("How long is parental leave?");
  await ask.ask();
  await ask.waitDone();
  await expect(ask.text("cost-mode")).toContainText("Full document");
  await expect(page.getByTestId("citation")).toHaveCount(handbook.pages);
  await expect(page.getByTestId("citation").first()).toContainText("whole page");
  await expect(ask.text("answer-text")).toContainText("16 weeks");
});

test("compare runs both modes side by side with the ratio", async ({ page }) => {
  const ask = new AskPage(page);
  await ask.open();
  await ask.pickDocument(handbook.id);
  await ask.type("What is the hotel limit per night?");
  await page.getByTestId("compare-button").click();
  await expect(ask.text("compare-ratio")).toContainText("Full document used");
  const chunked = await ask.number("compare-chunked-tokens");
  const full = await ask.number("compare-full-tokens");
  expect(chunked).toBeGreaterThan(0);
  expect(full).toBeGreaterThan(chunked);
  await expect(ask.text("compare-chunked")).toContainText("180 euros");
  await page.screenshot({ path: `${process.env.ASK_SCREENSHOTS ?? "test-results"}/ask-compare.png`, fullPage: true });
});

test("a citation opens its page with the passage highlighted and the PDF at that page", async ({ page, request }) => {
  const ask = new AskPage(page);
  await ask.open();
  await ask.pickDocument(handbook.id);
  await ask.type("How long must passwords be?");
  await ask.ask();
  await ask.waitDone();
  await page.screenshot({ path: `${process.env.ASK_SCREENSHOTS ?? "test-results"}/ask-answer.png`, fullPage: true });
  const first = page.getByTestId("citation-link").first();
  const label = await first.innerText();
  const pageNumber = Number(/pp?\. (\d+)/.exec(label)?.[1]);
  await first.click();
  await expect(page).toHaveURL(new RegExp(`/documents/${handbook.id}/pages/${pageNumber}`));
  await expect(page.getByTestId("page-title")).toContainText(`page ${pageNumber}`);
  await expect(page.getByTestId("passage-highlight").first()).toBeVisible();
  const pdfHref = await page.getByTestId("open-pdf").getAttribute("href");
  expect(pdfHref).toBe(`/api/documents/${handbook.id}/pdf#page=${pageNumber}`);
  const pdf = await request.get(pdfHref!.split("#")[0]);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  await page.screenshot({ path: `${process.env.ASK_SCREENSHOTS ?? "test-results"}/ask-citation-page.png`, fullPage: true });
});
