import fs from "node:fs";
import { Readable } from "node:stream";
import { apiRoute } from "@/lib/http/handler";
import { getStoredPdf } from "@/lib/ingest";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The stored original PDF (open at a page with #page=N). */
export const GET = apiRoute<{ id: string }>((_request, { id }) => {
  const pdf = getStoredPdf(id);
  const body = Readable.toWeb(fs.createReadStream(pdf.path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "application/pdf",
      "content-length": String(pdf.bytes),
      "content-disposition": contentDisposition(pdf.name),
      "x-content-type-options": "nosniff",
      "cache-control": "private, max-age=0, must-revalidate",
    },
  });
});
