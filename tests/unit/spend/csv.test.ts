import { describe, expect, it } from "vitest";
import { csvCell, queriesToCsv, QUERY_CSV_COLUMNS } from "@/lib/spend/csv";
import type { QueryLogJson } from "@/lib/spend/query-log";

function row(partial: Partial<QueryLogJson>): QueryLogJson {
  return {
    id: "q1",
    createdAt: "2026-05-10T12:00:00.000Z",
    question: "What is the warranty?",
    documentIds: ["d1"],
    documentNames: ["Manual.pdf"],
    mode: "chunked",
    model: "gpt-4o-mini",
    tier: null,
    status: "ok",
    errorCode: null,
    promptTokens: 1000,
    cachedTokens: 0,
    completionTokens: 100,
    estimatedPromptTokens: 1000,
    estimatedUsd: 0.00075,
    costUsd: 0.00021,
    costIsEstimate: false,
    chargedUsd: 0.00021,
    fullContextUsd: 0.005,
    latencyMs: 500,
    ...partial,
  };
}

describe("CSV export", () => {
  it("has the exact header", () => {
    expect(queriesToCsv([]).split("\r\n")[0]).toBe(
      "id,createdAt,question,documents,mode,model,promptTokens,cachedTokens,completionTokens,estimatedUsd,costUsd,latencyMs",
    );
    expect(QUERY_CSV_COLUMNS).toHaveLength(12);
  });

  it("writes one line per row, unknown as empty", () => {
    const text = queriesToCsv([row({}), row({ id: "q2", promptTokens: null, completionTokens: null, costUsd: null, latencyMs: null })]);
    const lines = text.trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe("q1,2026-05-10T12:00:00.000Z,What is the warranty?,Manual.pdf,chunked,gpt-4o-mini,1000,0,100,0.00075,0.00021,500");
    expect(lines[2]).toBe("q2,2026-05-10T12:00:00.000Z,What is the warranty?,Manual.pdf,chunked,gpt-4o-mini,,0,,0.00075,,");
  });

  it("quotes commas, quotes and newlines", () => {
    expect(csvCell('He said "yes", then left')).toBe('"He said ""yes"", then left"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(queriesToCsv([row({ documentNames: ["A.pdf", "B, final.pdf"] })])).toContain('"A.pdf; B, final.pdf"');
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      const cell = csvCell(`${start}HYPERLINK("http://evil")`);
      expect(cell.replace(/^"/, "").startsWith("'")).toBe(true);
    }
    expect(csvCell('=cmd|" /C calc"!A0')).toBe(`"'=cmd|"" /C calc""!A0"`);
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(null)).toBe("");
    const line = queriesToCsv([row({ question: "=1+1" })]).split("\r\n")[1];
    expect(line.split(",")[2]).toBe("'=1+1");
  });
});
