import { expect, test, type Page } from "@playwright/test";
import { buildMultiPagePdf, buildTablePdf, pngBytes } from "../support/pdf-fixtures";

/** The library page as a person uses it. */
class LibraryPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/documents");
    await expect(this.page.getByRole("heading", { name: "Library" })).toBeVisible();
  }

  async upload(files: { name: string; bytes: Uint8Array }[]) {
    await this.page.getByTestId("upload-input").setInputFiles(files.map((f) => ({ name: f.name, mimeType: "application/pdf", buffer: Buffer.from(f.bytes) })));
  }

  uploadItem(name: string) {
    return this.page.locator(`[data-testid="upload-item"][data-name="${name}"]`);
  }

  row(name: string) {
    return this.page.locator(`[data-testid="document-row"][data-name="${name}"]`);
  }
}

test("upload PDFs, see them listed with pages and tokens, see a bad file's error, browse chunks, delete", async ({ page }) => {
  const library = new LibraryPage(page);
  await library.open();
  await expect(page.getByTestId("chunk-settings")).toContainText(/tokens/);

  await library.upload([
    { name: "annual-report.pdf", bytes: await buildMultiPagePdf() },
    { name: "holiday-photo.pdf", bytes: pngBytes() },
    { name: "balance-sheet.pdf", bytes: await buildTablePdf() },
  ]);

  // Each file shows its own result or error.
  await expect(library.uploadItem("annual-report.pdf").getByTestId("upload-result")).toContainText("3 pages");
  await expect(library.uploadItem("balance-sheet.pdf").getByTestId("upload-result")).toContainText("1 page ·");
  const error = library.uploadItem("holiday-photo.pdf").getByTestId("upload-error");
  await expect(error).toContainText("not a PDF");
  await expect(error).toHaveAttribute("data-code", "not_pdf");

  // The library lists the good ones with pages, tokens, chunks and the whole-document cost.
  const report = library.row("annual-report.pdf");
  await expect(report).toBeVisible();
  await expect(report.getByTestId("document-pages")).toHaveText("3");
  const tokens = Number((await report.getByTestId("document-tokens").textContent())!.replace(/,/g, ""));
  expect(tokens).toBeGreaterThan(30);
  // One chunk per page (the default page strategy).
  await expect(report.getByTestId("document-chunks")).toHaveText("3");
  await expect(report.getByTestId("document-cost")).toHaveText(/^\$0\.0000\d+/);
  await expect(library.row("holiday-photo.pdf")).toHaveCount(0);
  await page.screenshot({ path: "test-results/library.png", fullPage: true });

  // A document's page shows its chunks with page spans and token counts.
  await library.row("balance-sheet.pdf").getByRole("link").click();
  await expect(page.getByTestId("document-name")).toHaveText("balance-sheet.pdf");
  const chunk = page.getByTestId("chunk").first();
  await expect(chunk).toContainText("Total current assets 16,525 15,134");
  await expect(chunk.getByTestId("chunk-pages")).toHaveText("p. 1");
  await expect(chunk.getByTestId("chunk-tokens")).toContainText("tokens");
  await page.screenshot({ path: "test-results/document.png", fullPage: true });

  // The original PDF is served inline.
  const pdfHref = await page.getByRole("link", { name: "Open the PDF" }).getAttribute("href");
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");

  // Delete one; it leaves the list and stays gone after a reload.
  await library.open();
  await library.row("annual-report.pdf").getByTestId("document-delete").click();
  await expect(library.row("annual-report.pdf")).toHaveCount(0);
  await page.reload();
  await expect(library.row("annual-report.pdf")).toHaveCount(0);
  await expect(library.row("balance-sheet.pdf")).toBeVisible();
});
