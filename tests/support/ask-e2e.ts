/**
 * Browser-test helpers for the Ask page: uploading a built PDF through the real upload API, and a small
 * page object over the data-testid selectors.
 */
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { buildTextPdf } from "./pdf-fixtures";
import { HANDBOOK_PAGES } from "./seed-documents";

/** Wraps prose into lines short enough to draw on a page. */
function wrap(text: string, width = 80): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export interface UploadedDocument {
  id: string;
  name: string;
  pages: number;
}

/** Uploads a PDF whose pages hold the given prose, through POST /api/documents. */
export async function uploadPdf(request: APIRequestContext, { name, pages }: { name: string; pages: string[] }): Promise<UploadedDocument> {
  const bytes = await buildTextPdf(pages.map((p) => wrap(p)), { title: name });
  const res = await request.post("/api/documents", { multipart: { file: { name, mimeType: "application/pdf", buffer: Buffer.from(bytes) } } });
  expect([200, 201]).toContain(res.status());
  const body = (await res.json()) as { document: UploadedDocument };
  return body.document;
}

export function uploadHandbook(request: APIRequestContext): Promise<UploadedDocument> {
  return uploadPdf(request, { name: "handbook.pdf", pages: HANDBOOK_PAGES });
}

export class AskPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/");
    await expect(this.page.getByTestId("question-input")).toBeVisible();
  }

  async pickDocument(id: string) {
    await this.page.locator(`[data-testid="doc-option"][data-document-id="${id}"]`).click();
  }

  async type(question: string) {
    await this.page.getByTestId("question-input").fill(question);
  }

  async mode(mode: "chunked" | "full") {
    await this.page.getByTestId(`mode-${mode}`).click();
  }

  async ask() {
    await this.page.getByTestId("ask-button").click();
  }

  async waitDone() {
    await expect(this.page.getByTestId("answer-view")).toHaveAttribute("data-status", "done");
  }

  text(testId: string) {
    return this.page.getByTestId(testId);
  }

  async number(testId: string): Promise<number> {
    const raw = (await this.page.getByTestId(testId).first().innerText()).replace(/[^\d.]/g, "");
    return Number(raw);
  }
}
