import { apiRoute, json } from "@/lib/http/handler";
import { readEnv } from "@/lib/env";
import { ingestPdf, toDocumentJson } from "@/lib/ingest";
import { listDocuments } from "@/lib/storage";
import { parseUpload } from "./schema";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Upload one PDF (multipart field `file`, optional strategy, windowTokens, overlapTokens). */
export const POST = apiRoute(async (request) => {
  const { maxUploadBytes } = readEnv();
  const { file, fields } = await parseUpload(request, maxUploadBytes);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const result = await ingestPdf({ bytes, name: file.name, options: fields });
  return json({ document: toDocumentJson(result.document), duplicate: result.duplicate }, result.duplicate ? 200 : 201);
});

/** Every document in the library, newest first. */
export const GET = apiRoute(() => json({ documents: listDocuments().map(toDocumentJson) }));
