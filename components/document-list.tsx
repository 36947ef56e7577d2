"use client";

import Link from "next/link";
import { useState } from "react";
import { useRouter } from "next/navigation";

export interface DocumentRow {
  id: string;
  name: string;
  pages: number;
  tokens: number;
  chunks: number;
  /** What sending the whole document once would cost at the default model, formatted; null if unknown. */
  fullCost: string | null;
  createdAt: string;
}

const fmt = new Intl.NumberFormat("en-US");

/** The library: one row per document with its size in pages, tokens and chunks, and a delete button. */
export function DocumentList({ documents, costModel }: { documents: DocumentRow[]; costModel: string }) {
  const router = useRouter();
  const [deleting, setDeleting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function remove(id: string) {
    setDeleting(id);
    setError(null);
    try {
      const response = await fetch(`/api/documents/${encodeURIComponent(id)}`, { method: "DELETE" });
      if (response.status !== 204 && response.status !== 404) {
        const body = await response.json().catch(() => null);
        setError(body?.error?.message ?? `Delete failed (${response.status}).`);
      }
      router.refresh();
    } catch {
      setError("The server could not be reached. Try again.");
    } finally {
      setDeleting(null);
    }
  }

  if (documents.length === 0) {
    return (
      <p className="rounded-lg border border-slate-200 bg-white px-4 py-6 text-center text-sm text-slate-500" data-testid="documents-empty">
        No documents yet. Upload a PDF above to start.
      </p>
    );
  }

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      {error && (
        <p className="border-b border-rose-100 bg-rose-50 px-4 py-2 text-sm text-rose-800" role="alert">
          {error}
        </p>
      )}
      <table className="w-full text-left text-sm" data-testid="document-list">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2 font-medium">Name</th>
            <th className="px-4 py-2 text-right font-medium">Pages</th>
            <th className="px-4 py-2 text-right font-medium">Tokens</th>
            <th className="px-4 py-2 text-right font-medium">Chunks</th>
            <th className="px-4 py-2 text-right font-medium" title={`Input cost of sending the whole document once to ${costModel}`}>
              Whole doc once ({costModel})
            </th>
            <th className="px-4 py-2" />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {documents.map((doc) => (
            <tr key={doc.id} data-testid="document-row" data-id={doc.id} data-name={doc.name}>
              <td className="max-w-xs truncate px-4 py-2">
                <Link href={`/documents/${doc.id}`} className="font-medium text-sky-700 hover:underline" title={doc.name}>
                  {doc.name}
                </Link>
              </td>
              <td className="px-4 py-2 text-right tabular-nums" data-testid="document-pages">{fmt.format(doc.pages)}</td>
              <td className="px-4 py-2 text-right tabular-nums" data-testid="document-tokens">{fmt.format(doc.tokens)}</td>
              <td className="px-4 py-2 text-right tabular-nums" data-testid="document-chunks">{fmt.format(doc.chunks)}</td>
              <td className="px-4 py-2 text-right tabular-nums" data-testid="document-cost">{doc.fullCost ?? "unknown"}</td>
              <td className="px-4 py-2 text-right">
                <button
                  type="button"
                  onClick={() => remove(doc.id)}
                  disabled={deleting === doc.id}
                  className="rounded border border-slate-300 px-2 py-1 text-xs text-slate-700 hover:border-rose-400 hover:text-rose-700 disabled:opacity-50"
                  data-testid="document-delete"
                  aria-label={`Delete ${doc.name}`}
                >
                  {deleting === doc.id ? "Deleting…" : "Delete"}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
