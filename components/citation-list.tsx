import Link from "next/link";
import type { Citation } from "@/lib/qa/types";

function pages(c: Pick<Citation, "pageStart" | "pageEnd">): string {
  return c.pageStart === c.pageEnd ? `p. ${c.pageStart}` : `pp. ${c.pageStart}-${c.pageEnd}`;
}

/** The passages sent with a question, in the order sent; each opens its page with the passage shown. */
export function CitationList({ citations, queryId }: { citations: Citation[]; queryId: string | null }) {
  if (citations.length === 0) return <p className="text-sm text-slate-500">No passages were sent.</p>;
  return (
    <ol className="space-y-2" data-testid="citation-list">
      {citations.map((c, i) => {
        const href = queryId
          ? `/documents/${encodeURIComponent(c.documentId)}/pages/${c.pageStart}?query=${encodeURIComponent(queryId)}&c=${i}`
          : `/documents/${encodeURIComponent(c.documentId)}/pages/${c.pageStart}?passage=${encodeURIComponent(c.text.slice(0, 600))}`;
        return (
          <li key={i} className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid="citation">
            <div className="flex items-center justify-between gap-2">
              <Link href={href} className="font-medium text-sky-700 hover:underline" data-testid="citation-link">
                {i + 1}. {c.documentName}, {pages(c)}
              </Link>
              <span className="text-xs text-slate-500">{c.score === null ? "whole page" : `score ${c.score.toFixed(2)}`}</span>
            </div>
            <details className="mt-1">
              <summary className="cursor-pointer truncate text-slate-600">{c.text.slice(0, 160)}</summary>
              <p className="mt-1 whitespace-pre-wrap text-slate-700">{c.text}</p>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
