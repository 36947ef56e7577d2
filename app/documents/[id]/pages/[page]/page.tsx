import Link from "next/link";
import { notFound } from "next/navigation";
import { passageRanges } from "@/lib/qa";
import { getDocument, getPages } from "@/lib/storage";
import { getQuery } from "@/lib/storage/queries";

export const dynamic = "force-dynamic";

type Params = { id: string; page: string };
type Search = { query?: string; c?: string; passage?: string };

/** One page of a document with the cited passage highlighted, beside the original PDF opened at that page. */
export default async function DocumentPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Search> }) {
  const { id, page } = await params;
  const search = await searchParams;
  const pageNumber = Number(page);
  const document = getDocument(id);
  if (!document || !Number.isInteger(pageNumber) || pageNumber < 1 || pageNumber > document.pages) notFound();
  const text = getPages(id).find((p) => p.pageNumber === pageNumber)?.text ?? "";

  let passage = typeof search.passage === "string" ? search.passage : "";
  if (search.query) {
    const stored = getQuery(search.query);
    const cited = stored?.citations[Number(search.c ?? 0)];
    if (cited && cited.documentId === id) passage = cited.text;
  }
  const ranges = passage ? passageRanges({ pageText: text, passage }) : [];
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push({ text: text.slice(at, start), marked: false });
    parts.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });

  const pdfHref = `/api/documents/${encodeURIComponent(id)}/pdf#page=${pageNumber}`;
  const keep = search.query ? `?query=${encodeURIComponent(search.query)}&c=${encodeURIComponent(search.c ?? "0")}` : "";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <p className="text-sm text-slate-500">
            <Link href="/" className="text-sky-700 hover:underline">Ask</Link> / {document.name}
          </p>
          <h1 className="text-xl font-semibold" data-testid="page-title">
            {document.name}, page {pageNumber} of {document.pages}
          </h1>
        </div>
        <div className="flex gap-3 text-sm">
          {pageNumber > 1 && <Link href={`/documents/${encodeURIComponent(id)}/pages/${pageNumber - 1}${keep}`} className="text-sky-700 hover:underline">← Page {pageNumber - 1}</Link>}
          {pageNumber < document.pages && <Link href={`/documents/${encodeURIComponent(id)}/pages/${pageNumber + 1}${keep}`} className="text-sky-700 hover:underline">Page {pageNumber + 1} →</Link>}
          <a href={pdfHref} target="_blank" rel="noopener noreferrer" className="font-medium text-sky-700 hover:underline" data-testid="open-pdf">
            Open the original PDF at page {pageNumber}
          </a>
        </div>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="mb-2 text-sm font-semibold text-slate-700">
            Extracted text {ranges.length > 0 ? "· the cited passage is highlighted" : passage ? "· the passage is not on this page" : ""}
          </h2>
          <div className="whitespace-pre-wrap text-sm leading-relaxed text-slate-800" data-testid="page-text">
            {parts.map((part, i) =>
              part.marked ? (
                <mark key={i} className="rounded bg-amber-200 px-0.5" data-testid="passage-highlight">
                  {part.text}
                </mark>
              ) : (
                <span key={i}>{part.text}</span>
              ),
            )}
            {text.length === 0 && <span className="text-slate-400">This page has no text.</span>}
          </div>
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-2 shadow-sm">
          <iframe src={pdfHref} title={`${document.name}, page ${pageNumber}`} className="h-[75vh] w-full rounded" data-testid="pdf-embed" />
        </section>
      </div>
    </div>
  );
}
