/**
 * The query log as CSV (RFC 4180), safe to open in a spreadsheet: a cell starting with = + - @, a tab or
 * a carriage return is prefixed with an apostrophe so it is read as text, never run as a formula.
 */
import type { QueryLogJson } from "./query-log";

/** Header of the CSV export, in column order. */
export const QUERY_CSV_COLUMNS = [
  "id",
  "createdAt",
  "question",
  "documents",
  "mode",
  "model",
  "promptTokens",
  "cachedTokens",
  "completionTokens",
  "estimatedUsd",
  "costUsd",
  "latencyMs",
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: null is empty; formula starters neutralised; quoted when it holds a comma, quote or newline. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV text with the header line, lines ending in CRLF. */
export function queriesToCsv(rows: QueryLogJson[]): string {
  const lines = [QUERY_CSV_COLUMNS.join(",")];
  for (const row of rows) {
    lines.push(
      [
        row.id,
        row.createdAt,
        row.question,
        row.documentNames.join("; "),
        row.mode,
        row.model,
        row.promptTokens,
        row.cachedTokens,
        row.completionTokens,
        row.estimatedUsd,
        row.costUsd,
        row.latencyMs,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
