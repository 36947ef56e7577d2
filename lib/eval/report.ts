/**
 * Reporting, pure: the terminal table, the summary line and the quality-against-cost chart (SVG) with
 * the Pareto frontier marked. "Prepare" (rows, frontier) is separate from "render" (strings).
 */
import { paretoFrontier } from "./frontier";
import type { ConfigMetrics } from "./metrics";

export interface ReportRow {
  name: string;
  metrics: ConfigMetrics;
}

/** The summary's per-configuration fields, exactly these. */
export interface SummaryConfig {
  name: string;
  evidenceHit: number | null;
  evidenceRecall: number | null;
  recall80Share: number | null;
  meanContextTokens: number;
  maxContextTokens: number;
  meanPages: number;
  usdPerQuestion: number | null;
}

export interface EvalSummary {
  dataset: string;
  questions: number;
  default: string;
  configs: SummaryConfig[];
  fullDocument: Omit<SummaryConfig, "name"> & { name?: string };
}

function round(value: number | null, digits: number): number | null {
  if (value === null) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function summaryOf(row: ReportRow): SummaryConfig {
  const m = row.metrics;
  return {
    name: row.name,
    evidenceHit: round(m.evidenceHit, 4),
    evidenceRecall: round(m.evidenceRecall, 4),
    recall80Share: round(m.recall80Share, 4),
    meanContextTokens: Math.round(m.meanContextTokens),
    maxContextTokens: m.maxContextTokens,
    meanPages: round(m.meanPages, 2) as number,
    usdPerQuestion: round(m.usdPerQuestion, 8),
  };
}

/** The last line of a run: `{dataset, questions, default, configs: [...], fullDocument}`. */
export function buildSummary({ dataset, questions, defaultName, rows, fullDocument }: { dataset: string; questions: number; defaultName: string; rows: ReportRow[]; fullDocument: ReportRow }): EvalSummary {
  const { name: _name, ...full } = summaryOf(fullDocument);
  return { dataset, questions, default: defaultName, configs: rows.map(summaryOf), fullDocument: full };
}

function fmt(value: number | null, digits = 3): string {
  return value === null ? "n/a" : value.toFixed(digits);
}

function usd(value: number | null): string {
  if (value === null) return "unknown";
  return value >= 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(6)}`;
}

/** A fixed-width table of the rows; frontier rows marked with `*`. */
export function formatTable(rows: ReportRow[], frontier: ReadonlySet<string>): string {
  const header = ["config", "hit", "recall", "r>=0.8", "ctx mean", "ctx max", "pages", "prompt", "USD/q", "frontier"];
  const body = rows.map((r) => [
    r.name,
    fmt(r.metrics.evidenceHit),
    fmt(r.metrics.evidenceRecall),
    fmt(r.metrics.recall80Share),
    Math.round(r.metrics.meanContextTokens).toLocaleString("en-US"),
    r.metrics.maxContextTokens.toLocaleString("en-US"),
    r.metrics.meanPages.toFixed(1),
    Math.round(r.metrics.meanPromptTokens).toLocaleString("en-US"),
    usd(r.metrics.usdPerQuestion),
    frontier.has(r.name) ? "*" : "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

/** The same table in Markdown, for docs. */
export function formatMarkdownTable(rows: ReportRow[], frontier: ReadonlySet<string>): string {
  const lines = ["| config | evidence hit | evidence recall | recall >= 0.8 | context tokens (mean / max) | pages / question | prompt tokens | USD / question | frontier |", "|---|---|---|---|---|---|---|---|---|"];
  for (const r of rows) {
    const m = r.metrics;
    lines.push(
      `| ${r.name} | ${fmt(m.evidenceHit)} | ${fmt(m.evidenceRecall)} | ${fmt(m.recall80Share)} | ${Math.round(m.meanContextTokens).toLocaleString("en-US")} / ${m.maxContextTokens.toLocaleString("en-US")} | ${m.meanPages.toFixed(1)} | ${Math.round(m.meanPromptTokens).toLocaleString("en-US")} | ${usd(m.usdPerQuestion)} | ${frontier.has(r.name) ? "yes" : ""} |`,
    );
  }
  return lines.join("\n");
}

/** Frontier of evidence-token recall against USD per question over all rows. */
export function frontierOf(rows: ReportRow[]): Set<string> {
  return new Set(
    paretoFrontier(
      rows.flatMap((r) => (r.metrics.usdPerQuestion === null || r.metrics.evidenceRecall === null ? [] : [{ name: r.name, cost: r.metrics.usdPerQuestion, quality: r.metrics.evidenceRecall }])),
    ),
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * An SVG chart: evidence-token recall (y) against USD per question (x, log scale), one dot per row,
 * the frontier joined by a line, the default ringed. Rows with unknown cost or recall are left out.
 */
export function renderChart({
  rows,
  frontier,
  defaultName,
  title,
  xLabel = "estimated USD per question (log scale)",
  yLabel = "evidence-token recall",
}: {
  rows: ReportRow[];
  frontier: ReadonlySet<string>;
  defaultName: string;
  title: string;
  /** Axis titles; the y value is read from metrics.evidenceRecall, the x value from metrics.usdPerQuestion. */
  xLabel?: string;
  yLabel?: string;
}): string {
  const points = rows.filter((r) => r.metrics.usdPerQuestion !== null && r.metrics.usdPerQuestion > 0 && r.metrics.evidenceRecall !== null);
  const width = 900;
  const height = 560;
  const m = { left: 70, right: 30, top: 50, bottom: 60 };
  const costs = points.map((p) => p.metrics.usdPerQuestion as number);
  const minLog = Math.floor(Math.log10(Math.min(...costs, 1e-4)));
  const maxLog = Math.ceil(Math.log10(Math.max(...costs, 1e-3)));
  const x = (usdValue: number) => m.left + ((Math.log10(usdValue) - minLog) / (maxLog - minLog || 1)) * (width - m.left - m.right);
  const y = (recall: number) => height - m.bottom - recall * (height - m.top - m.bottom);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  parts.push(`<text x="${width / 2}" y="28" text-anchor="middle" font-size="16">${escapeXml(title)}</text>`);
  for (let k = 0; k <= 10; k += 2) {
    const yy = y(k / 10);
    parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${yy}" y2="${yy}" stroke="#e5e7eb"/><text x="${m.left - 8}" y="${yy + 4}" text-anchor="end">${(k / 10).toFixed(1)}</text>`);
  }
  for (let e = minLog; e <= maxLog; e++) {
    const xx = x(10 ** e);
    parts.push(`<line x1="${xx}" x2="${xx}" y1="${m.top}" y2="${height - m.bottom}" stroke="#e5e7eb"/><text x="${xx}" y="${height - m.bottom + 18}" text-anchor="middle">$${10 ** e >= 1 ? (10 ** e).toFixed(0) : (10 ** e).toFixed(-e)}</text>`);
  }
  parts.push(`<text x="${width / 2}" y="${height - 15}" text-anchor="middle">${escapeXml(xLabel)}</text>`);
  parts.push(`<text transform="translate(18 ${height / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`);
  const front = points.filter((p) => frontier.has(p.name)).sort((a, b) => (a.metrics.usdPerQuestion as number) - (b.metrics.usdPerQuestion as number));
  if (front.length > 1) {
    const path = front.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.metrics.usdPerQuestion as number).toFixed(1)},${y(p.metrics.evidenceRecall as number).toFixed(1)}`).join(" ");
    parts.push(`<path d="${path}" fill="none" stroke="#2563eb" stroke-width="2" stroke-dasharray="6 4"/>`);
  }
  // Labels: beside their dot, pushed apart vertically where dots crowd (configs of one budget cost alike).
  const labels = points
    .map((p) => ({ p, x: x(p.metrics.usdPerQuestion as number), y: y(p.metrics.evidenceRecall as number), ly: 0 }))
    .sort((a, b) => a.y - b.y);
  const placed: { x: number; ly: number }[] = [];
  for (const label of labels) {
    label.ly = label.y + 4;
    for (const other of placed) if (Math.abs(other.x - label.x) < 160 && label.ly - other.ly < 13) label.ly = other.ly + 13;
    placed.push({ x: label.x, ly: label.ly });
  }
  for (const { p, x: cx, y: cy, ly } of labels) {
    const onFront = frontier.has(p.name);
    parts.push(`<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="5" fill="${onFront ? "#2563eb" : "#9ca3af"}"/>`);
    if (p.name === defaultName) parts.push(`<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="10" fill="none" stroke="#dc2626" stroke-width="2"/>`);
    if (Math.abs(ly - cy - 4) > 2) parts.push(`<line x1="${(cx + 5).toFixed(1)}" y1="${cy.toFixed(1)}" x2="${(cx + 22).toFixed(1)}" y2="${(ly - 4).toFixed(1)}" stroke="#d1d5db"/>`);
    parts.push(`<text x="${(cx + 24).toFixed(1)}" y="${ly.toFixed(1)}" fill="${onFront ? "#1e3a8a" : "#4b5563"}" font-size="10">${escapeXml(p.name)}${p.name === defaultName ? " (default)" : ""}</text>`);
  }
  parts.push(`<text x="${width - m.right}" y="${m.top - 6}" text-anchor="end" font-size="11" fill="#374151">blue: Pareto frontier · red ring: default</text>`);
  parts.push(`</svg>`);
  return parts.join("\n");
}
