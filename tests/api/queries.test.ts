import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { call, logQuery } from "./spend-support";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tokenwise-api-queries-"));
process.env.DATA_DIR = dataDir;

const { GET } = await import("@/app/api/queries/route");
const { closeAllDbs } = await import("@/lib/storage/db");

afterAll(() => {
  closeAllDbs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const day = (d: number, h = 12) => Date.UTC(2026, 4, d, h);
const first = logQuery({ createdAt: day(1), question: "Oldest question", model: "gpt-4o-mini", mode: "chunked", documentIds: ["doc-a"], documentNames: ["Handbook.pdf"] });
const second = logQuery({ createdAt: day(2), question: "=HYPERLINK(\"http://evil\")", model: "gpt-4o", mode: "full", documentIds: ["doc-b"], documentNames: ["Report, 2025.pdf"], costNanoUsd: 3_000_000 });
const third = logQuery({ createdAt: day(3), question: "Both, with \"quotes\"", model: "offline", mode: "chunked", documentIds: ["doc-a", "doc-b"], documentNames: ["Handbook.pdf", "Report, 2025.pdf"], costNanoUsd: 0 });
const unknown = logQuery({ createdAt: day(4), question: "No usage reported", costNanoUsd: 900_000, costIsEstimate: true, promptTokens: null, cachedTokens: null, completionTokens: null, latencyMs: null });

async function ids(pathAndQuery: string): Promise<string[]> {
  const response = await call(GET, { path: pathAndQuery });
  expect(response.status).toBe(200);
  return ((await response.json()).queries as { id: string }[]).map((q) => q.id);
}

describe("GET /api/queries", () => {
  it("lists every question newest first, with tokens, cost and the estimate marked", async () => {
    const response = await call(GET, { path: "/api/queries" });
    const body = await response.json();
    expect(Object.keys(body)).toEqual(["queries"]);
    expect(body.queries.map((q: { id: string }) => q.id)).toEqual([unknown.id, third.id, second.id, first.id]);
    expect(body.queries[0]).toMatchObject({ costUsd: 0.0009, costIsEstimate: true, promptTokens: null, createdAt: "2026-05-04T12:00:00.000Z" });
    expect(body.queries[2]).toMatchObject({ model: "gpt-4o", mode: "full", costUsd: 0.003, promptTokens: 1000, completionTokens: 100, estimatedUsd: 0.0007644, latencyMs: 420 });
  });

  it("filters by date range (whole days), document, model and mode, combined", async () => {
    expect(await ids("/api/queries?from=2026-05-02&to=2026-05-03")).toEqual([third.id, second.id]);
    expect(await ids("/api/queries?from=2026-05-03")).toEqual([unknown.id, third.id]);
    expect(await ids("/api/queries?to=2026-05-01")).toEqual([first.id]);
    expect(await ids("/api/queries?documentId=doc-b")).toEqual([third.id, second.id]);
    expect(await ids("/api/queries?model=offline")).toEqual([third.id]);
    expect(await ids("/api/queries?mode=full")).toEqual([second.id]);
    expect(await ids("/api/queries?mode=chunked&documentId=doc-a&to=2026-05-03")).toEqual([third.id, first.id]);
    expect(await ids("/api/queries?model=nobody")).toEqual([]);
  });

  it("refuses an unreadable date", async () => {
    const response = await call(GET, { path: "/api/queries?from=yesterday-ish" });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("invalid_request");
  });

  it("exports the same rows as CSV with the exact header and formula cells escaped", async () => {
    const response = await call(GET, { path: "/api/queries?format=csv" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const text = await response.text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,createdAt,question,documents,mode,model,promptTokens,cachedTokens,completionTokens,estimatedUsd,costUsd,latencyMs");
    expect(lines).toHaveLength(5);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual([unknown.id, third.id, second.id, first.id]);
    expect(lines[3]).toBe(`${second.id},2026-05-02T12:00:00.000Z,"'=HYPERLINK(""http://evil"")","Report, 2025.pdf",full,gpt-4o,1000,0,100,0.0007644,0.003,420`);
    expect(lines[2]).toContain(`"Both, with ""quotes"""`);
    expect(lines[2]).toContain(`"Handbook.pdf; Report, 2025.pdf"`);
    expect(lines[1]).toBe(`${unknown.id},2026-05-04T12:00:00.000Z,No usage reported,Handbook.pdf,chunked,gpt-4o-mini,,,,0.0007644,0.0009,`);
    const filtered = await (await call(GET, { path: "/api/queries?format=csv&mode=full" })).text();
    expect(filtered.trimEnd().split("\r\n")).toHaveLength(2);
  });
});
