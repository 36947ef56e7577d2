import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

// A store of this file's own, set before anything opens it.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-api-documents-"));
process.env.DATA_DIR = dataDir;

import { GET as listRoute, POST as uploadRoute } from "@/app/api/documents/route";
import { DELETE as deleteRoute, GET as getRoute } from "@/app/api/documents/[id]/route";
import { GET as pdfRoute } from "@/app/api/documents/[id]/pdf/route";
import { closeAllDbs, getChunks, getPages, listDocuments } from "@/lib/storage";
import { stopExtractionWorkers } from "@/lib/pdf";
import * as fixtures from "../support/pdf-fixtures";

const BASE = "http://127.0.0.1:3000";
const ENV_KEYS = ["MAX_UPLOAD_MB", "MAX_PAGES", "EXTRACT_TIMEOUT_S", "ACCESS_TOKEN"] as const;

let multiPage: Uint8Array;
let table: Uint8Array;

beforeAll(async () => {
  multiPage = await fixtures.buildMultiPagePdf();
  table = await fixtures.buildTablePdf();
});

afterEach(() => {
  for (const key of ENV_KEYS) delete process.env[key];
});

afterAll(async () => {
  await stopExtractionWorkers();
  closeAllDbs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function ctx<P>(params: P) {
  return { params: Promise.resolve(params) };
}

function uploadRequest(
  bytes: Uint8Array | null,
  { name = "report.pdf", fields = {}, headers = {} }: { name?: string; fields?: Record<string, string>; headers?: Record<string, string> } = {},
): Request {
  const form = new FormData();
  if (bytes) form.append("file", new File([bytes as BlobPart], name, { type: "application/pdf" }));
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return new Request(`${BASE}/api/documents`, { method: "POST", body: form, headers });
}

async function upload(bytes: Uint8Array | null, options?: Parameters<typeof uploadRequest>[1]) {
  const response = await uploadRoute(uploadRequest(bytes, options), ctx({}));
  return { status: response.status, body: await response.json() };
}

function storeSnapshot() {
  const pdfDir = path.join(dataDir, "pdfs");
  return {
    documents: listDocuments().map((d) => d.id).sort(),
    chunks: getChunks(undefined).length,
    files: fs.existsSync(pdfDir) ? fs.readdirSync(pdfDir).sort() : [],
  };
}

describe("POST /api/documents: bad input leaves the store unchanged", () => {
  const cases: [string, () => Promise<Request> | Request, number, string, Record<string, string>?][] = [
    ["no file field", () => uploadRequest(null, { fields: { strategy: "page" } }), 400, "invalid_request"],
    ["not multipart", () => new Request(`${BASE}/api/documents`, { method: "POST", body: JSON.stringify({ file: "x" }), headers: { "content-type": "application/json" } }), 400, "invalid_request"],
    ["a file field that is text", () => {
      const form = new FormData();
      form.append("file", "just text");
      return new Request(`${BASE}/api/documents`, { method: "POST", body: form });
    }, 400, "invalid_request"],
    ["an empty file", () => uploadRequest(new Uint8Array()), 400, "empty_file"],
    ["a renamed image", () => uploadRequest(fixtures.pngBytes(), { name: "photo.pdf" }), 415, "not_pdf"],
    ["a truncated PDF", () => uploadRequest(fixtures.truncatePdf(multiPage)), 422, "invalid_pdf"],
    ["a corrupt PDF", () => uploadRequest(fixtures.corruptPdf()), 422, "invalid_pdf"],
    ["a password-protected PDF", () => uploadRequest(fixtures.encryptPdf(multiPage)), 422, "encrypted"],
    ["a scan without text", async () => uploadRequest(await fixtures.buildNoTextPdf()), 422, "no_text"],
    ["a file over MAX_UPLOAD_MB", () => {
      const big = new Uint8Array(1024 * 1024 + 10);
      big.set(new TextEncoder().encode("%PDF-1.7\n"));
      return uploadRequest(big);
    }, 413, "file_too_large", { MAX_UPLOAD_MB: "1" }],
    ["a Content-Length over MAX_UPLOAD_MB (refused before reading)", () => uploadRequest(multiPage, { headers: { "content-length": String(3 * 1024 * 1024) } }), 413, "file_too_large", { MAX_UPLOAD_MB: "1" }],
    ["more pages than MAX_PAGES", () => uploadRequest(multiPage), 413, "too_many_pages", { MAX_PAGES: "2" }],
    ["an unknown strategy", () => uploadRequest(multiPage, { fields: { strategy: "sentences" } }), 400, "invalid_request"],
    ["an overlap as large as the window", () => uploadRequest(multiPage, { fields: { windowTokens: "128", overlapTokens: "128" } }), 400, "invalid_request"],
  ];

  it.each(cases.map(([label, build, status, code, env]) => [label, status, code, build, env] as const))("%s -> %i %s", async (_label, status, code, build, env) => {
    Object.assign(process.env, env ?? {});
    const before = storeSnapshot();
    const response = await uploadRoute(await build(), ctx({}));
    const body = await response.json();
    expect(response.status).toBe(status);
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe("string");
    expect(body.error.message.length).toBeGreaterThan(15);
    expect(storeSnapshot()).toEqual(before);
  });

  it("stops extraction past its deadline (422 extraction_failed) while other requests are answered", async () => {
    process.env.EXTRACT_TIMEOUT_S = "1";
    const before = storeSnapshot();
    const started = performance.now();
    const pending = uploadRoute(uploadRequest(fixtures.buildBombPdf({ operators: 2_000_000 }), { name: "bomb.pdf" }), ctx({}));
    // Meanwhile the library still answers, quickly.
    const listStarted = performance.now();
    const list = await listRoute(new Request(`${BASE}/api/documents`), ctx({}));
    expect(list.status).toBe(200);
    expect(performance.now() - listStarted).toBeLessThan(500);
    const response = await pending;
    expect(response.status).toBe(422);
    expect((await response.json()).error.code).toBe("extraction_failed");
    expect(performance.now() - started).toBeLessThan(5000);
    expect(storeSnapshot()).toEqual(before);
  });
});

describe("documents: upload, list, read, serve, delete", () => {
  it("stores a PDF (201), lists it, serves its chunks and original, and deletes it all (204)", async () => {
    const created = await upload(multiPage, { name: "Annual report.pdf" });
    expect(created.status).toBe(201);
    const doc = created.body.document;
    expect(created.body.duplicate).toBe(false);
    expect(doc).toMatchObject({ name: "Annual report.pdf", pages: 3, strategy: "page", windowTokens: 1024, overlapTokens: 0, encoding: "o200k_base" });
    expect(doc.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(doc.tokens).toBe(getPages(doc.id).reduce((sum, p) => sum + p.tokens, 0));
    expect(doc.tokens).toBeGreaterThan(30);
    // One chunk per page (the default page strategy).
    expect(doc.chunks).toBe(3);

    const list = await (await listRoute(new Request(`${BASE}/api/documents`), ctx({}))).json();
    expect(list.documents.map((d: { id: string }) => d.id)).toContain(doc.id);
    expect(list.documents.find((d: { id: string }) => d.id === doc.id)).toMatchObject({ pages: 3, tokens: doc.tokens, chunks: 3 });

    const one = await getRoute(new Request(`${BASE}/api/documents/${doc.id}`), ctx({ id: doc.id }));
    const oneBody = await one.json();
    expect(one.status).toBe(200);
    expect(oneBody.total).toBe(3);
    expect(oneBody.chunks[0]).toMatchObject({ ord: 0, pageStart: 1, pageEnd: 1 });
    expect(oneBody.chunks.map((c: { text: string }) => c.text).join("\n")).toContain("warehouse in Lisbon");

    const pdf = await pdfRoute(new Request(`${BASE}${doc.pdfUrl}`), ctx({ id: doc.id }));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("x-content-type-options")).toBe("nosniff");
    expect(pdf.headers.get("content-disposition")).toMatch(/^inline; filename="Annual report.pdf"/);
    expect(new Uint8Array(await pdf.arrayBuffer())).toEqual(multiPage);

    const deleted = await deleteRoute(new Request(`${BASE}/api/documents/${doc.id}`, { method: "DELETE" }), ctx({ id: doc.id }));
    expect(deleted.status).toBe(204);
    expect(listDocuments().some((d) => d.id === doc.id)).toBe(false);
    expect(getChunks([doc.id])).toEqual([]);
    expect(getPages(doc.id)).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, "pdfs", `${doc.id}.pdf`))).toBe(false);

    const again = await deleteRoute(new Request(`${BASE}/api/documents/${doc.id}`, { method: "DELETE" }), ctx({ id: doc.id }));
    expect(again.status).toBe(404);
    expect((await again.json()).error.code).toBe("not_found");
    expect((await pdfRoute(new Request(`${BASE}${doc.pdfUrl}`), ctx({ id: doc.id }))).status).toBe(404);
  });

  it("answers 200 with the existing document and duplicate: true for the same bytes", async () => {
    const first = await upload(table, { name: "table.pdf" });
    expect(first.status).toBe(201);
    const before = storeSnapshot();
    const second = await upload(table, { name: "another name.pdf" });
    expect(second.status).toBe(200);
    expect(second.body.duplicate).toBe(true);
    expect(second.body.document.id).toBe(first.body.document.id);
    expect(second.body.document.name).toBe("table.pdf");
    expect(storeSnapshot()).toEqual(before);
  });

  it("uses the strategy and sizes sent with the file", async () => {
    const bytes = await fixtures.buildPagesPdf(4);
    const created = await upload(bytes, { fields: { strategy: "page", windowTokens: "256", overlapTokens: "0" } });
    expect(created.status).toBe(201);
    expect(created.body.document).toMatchObject({ strategy: "page", windowTokens: 256, pages: 4, chunks: 4 });
    const chunks = getChunks([created.body.document.id]);
    expect(chunks.map((c) => [c.pageStart, c.pageEnd, c.text])).toEqual([1, 2, 3, 4].map((n) => [n, n, `Page ${n} of 4.`]));
  });

  it("keeps hostile file names harmless", async () => {
    const bytes = await fixtures.buildTextPdf([["Hostile name test."]]);
    const created = await upload(bytes, { name: `../../etc/passwd\u0000\u202egpj.pdf${"x".repeat(400)}.pdf` });
    expect(created.status).toBe(201);
    const { id, name } = created.body.document;
    expect(name).not.toMatch(/[/\\\u0000-\u001f\u202e]/);
    expect(Array.from(name).length).toBeLessThanOrEqual(200);
    expect(name.endsWith(".pdf")).toBe(true);
    expect(fs.readdirSync(path.join(dataDir, "pdfs"))).toContain(`${id}.pdf`);
    expect(fs.existsSync(path.join(dataDir, "etc"))).toBe(false);
    const pdf = await pdfRoute(new Request(`${BASE}/api/documents/${id}/pdf`), ctx({ id }));
    expect(pdf.headers.get("content-disposition")).not.toMatch(/[\r\n]/);
  });

  it("answers 404 for unknown or malformed ids, including path tricks", async () => {
    for (const id of ["00000000-0000-0000-0000-000000000000", "../tokenwise.sqlite", "..%2F..%2Fetc%2Fpasswd"]) {
      for (const response of [
        await getRoute(new Request(`${BASE}/api/documents/x`), ctx({ id })),
        await pdfRoute(new Request(`${BASE}/api/documents/x/pdf`), ctx({ id })),
        await deleteRoute(new Request(`${BASE}/api/documents/x`, { method: "DELETE" }), ctx({ id })),
      ]) {
        expect(response.status).toBe(404);
        expect((await response.json()).error.code).toBe("not_found");
      }
    }
  });
});

describe("access", () => {
  it("refuses a cross-origin upload (403) and leaves the store unchanged", async () => {
    const before = storeSnapshot();
    const response = await uploadRoute(uploadRequest(await fixtures.buildPagesPdf(2), { headers: { origin: "https://evil.example" } }), ctx({}));
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden_origin");
    expect(storeSnapshot()).toEqual(before);
    const sameOrigin = await uploadRoute(uploadRequest(await fixtures.buildPagesPdf(2), { headers: { origin: BASE } }), ctx({}));
    expect(sameOrigin.status).toBe(201);
  });

  it("refuses a cross-origin delete (403)", async () => {
    const doc = listDocuments()[0];
    const response = await deleteRoute(new Request(`${BASE}/api/documents/${doc.id}`, { method: "DELETE", headers: { origin: "https://evil.example" } }), ctx({ id: doc.id }));
    expect(response.status).toBe(403);
    expect(listDocuments().some((d) => d.id === doc.id)).toBe(true);
  });

  it("needs ACCESS_TOKEN when it is set: 401 without, accepted with", async () => {
    process.env.ACCESS_TOKEN = "let-me-in";
    const before = storeSnapshot();
    const bytes = await fixtures.buildPagesPdf(3);
    const refused = await uploadRoute(uploadRequest(bytes), ctx({}));
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe("unauthorized");
    expect((await listRoute(new Request(`${BASE}/api/documents`), ctx({}))).status).toBe(401);
    expect(storeSnapshot()).toEqual(before);
    const accepted = await uploadRoute(uploadRequest(bytes, { headers: { authorization: "Bearer let-me-in" } }), ctx({}));
    expect(accepted.status).toBe(201);
    const listed = await listRoute(new Request(`${BASE}/api/documents`, { headers: { "x-access-token": "let-me-in" } }), ctx({}));
    expect(listed.status).toBe(200);
  });
});
