import Link from "next/link";
import { notFound } from "next/navigation";
import { toDocumentJson } from "@/lib/ingest";
import { getChunks, getDocument } from "@/lib/storage";

export const dynamic = "force-dynamic";

/** Chunks shown per page of this view; 25. */
const PER_PAGE = 25;
const fmt = new Intl.NumberFormat("en-US");

export default async function DocumentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> }) {
  const { id } = await params;
  const record = getDocument(id);
  if (!record) notFound();
  const doc = toDocumentJson(record);
  const chunks = getChunks([id]);
  const pageCount = Math.max(1, Math.ceil(chunks.length / PER_PAGE));
  const requested = Number((await searchParams).page ?? "1");
  const page = Number.isInteger(requested) ? Math.min(Math.max(requested, 1), pageCount) : 1;
  const shown = chunks.slice((page - 1) * PER_PAGE, page * PER_PAGE);

  return (
    <div className="space-y-6">
      <div>
        <Link href="/documents" className="text-sm text-sky-700 hover:underline">
          ← Library
        </Link>
        <h1 className="mt-1 break-words text-2xl font-semibold" data-testid="document-name">
          {doc.name}
        </h1>
        <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-600">
          <div><dt className="inline">Pages </dt><dd className="inline font-medium text-slate-900">{fmt.format(doc.pages)}</dd></div>
          <div><dt className="inline">Tokens </dt><dd className="inline font-medium text-slate-900">{fmt.format(doc.tokens)}</dd> <span className="text-xs">({doc.encoding})</span></div>
          <div><dt className="inline">Chunks </dt><dd className="inline font-medium text-slate-900">{fmt.format(doc.chunks)}</dd></div>
          <div>
            <dt className="inline">Chunking </dt>
            <dd className="inline font-medium text-slate-900">
              {doc.strategy === "window" ? `${doc.windowTokens}-token windows, ${doc.overlapTokens} overlap` : `${doc.strategy}, up to ${doc.windowTokens} tokens`}
            </dd>
          </div>
          <div>
            <a href={doc.pdfUrl} target="_blank" rel="noopener" className="text-sky-700 hover:underline">
              Open the PDF
            </a>
          </div>
        </dl>
      </div>

      <ol className="space-y-3" data-testid="chunk-list">
        {shown.map((chunk) => (
          <li key={chunk.ord} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="chunk">
            <div className="mb-2 flex flex-wrap items-center gap-x-4 text-xs text-slate-500">
              <span className="font-medium text-slate-700">Chunk {chunk.ord + 1}</span>
              <a href={`${doc.pdfUrl}#page=${chunk.pageStart}`} target="_blank" rel="noopener" className="text-sky-700 hover:underline" data-testid="chunk-pages">
                {chunk.pageStart === chunk.pageEnd ? `p. ${chunk.pageStart}` : `pp. ${chunk.pageStart}–${chunk.pageEnd}`}
              </a>
              <span data-testid="chunk-tokens">{fmt.format(chunk.tokens)} tokens</span>
            </div>
            <pre className="max-h-72 overflow-auto whitespace-pre-wrap break-words font-sans text-sm text-slate-800">{chunk.text.trim()}</pre>
          </li>
        ))}
      </ol>

      {pageCount > 1 && (
        <nav className="flex items-center justify-between text-sm" aria-label="Chunk pages">
          {page > 1 ? <Link href={`/documents/${id}?page=${page - 1}`} className="text-sky-700 hover:underline">← Previous</Link> : <span />}
          <span className="text-slate-500">
            Chunks {(page - 1) * PER_PAGE + 1}–{Math.min(page * PER_PAGE, chunks.length)} of {chunks.length}
          </span>
          {page < pageCount ? <Link href={`/documents/${id}?page=${page + 1}`} className="text-sky-700 hover:underline">Next →</Link> : <span />}
        </nav>
      )}
    </div>
  );
}
