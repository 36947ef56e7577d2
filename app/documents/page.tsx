import Link from "next/link";
import { describeLibrary } from "@/lib/ingest";
import { formatUsd, nanoToUsd } from "@/lib/pricing";
import { DocumentList, type DocumentRow } from "@/components/document-list";
import { UploadDropzone } from "@/components/upload-dropzone";

export const dynamic = "force-dynamic";

const STRATEGY_LABEL = { window: "token windows", page: "one chunk per page", paragraph: "paragraphs" } as const;

export default function DocumentsPage() {
  const library = describeLibrary();
  const { chunkOptions } = library;
  const rows: DocumentRow[] = library.documents.map((doc) => ({
    id: doc.id,
    name: doc.name,
    pages: doc.pages,
    tokens: doc.tokens,
    chunks: doc.chunks,
    fullCost: doc.fullCostNanoUsd === null ? null : formatUsd(nanoToUsd(doc.fullCostNanoUsd)),
    createdAt: doc.createdAt,
  }));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Library</h1>
        <p className="mt-1 text-sm text-slate-600">
          PDFs you can ask questions of. Text is extracted page by page, counted in tokens and cut into chunks for search.
        </p>
      </div>

      <section className="space-y-2">
        <UploadDropzone />
        <p className="text-xs text-slate-500" data-testid="chunk-settings">
          New uploads: {STRATEGY_LABEL[chunkOptions.strategy]}
          {chunkOptions.strategy === "window"
            ? ` of ${chunkOptions.windowTokens} tokens with ${chunkOptions.overlapTokens} overlap`
            : ` (at most ${chunkOptions.windowTokens} tokens each)`}
          {" · "}up to {Math.round(library.maxUploadBytes / 1024 / 1024)} MB and {library.maxPages} pages per file ·{" "}
          <Link href="/settings" className="text-sky-700 hover:underline">
            change in Settings
          </Link>
        </p>
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">
          Documents <span className="text-sm font-normal text-slate-500">({rows.length})</span>
        </h2>
        <DocumentList documents={rows} costModel={library.costModel} />
      </section>
    </div>
  );
}
