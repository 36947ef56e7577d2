import { z } from "zod";
import { apiRoute, json } from "@/lib/http/handler";
import { AppError } from "@/lib/errors";
import { removeDocument, toDocumentJson } from "@/lib/ingest";
import { getChunks, getDocument } from "@/lib/storage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const pageSchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** One document with a page of its chunks (?offset=0&limit=50). */
export const GET = apiRoute<{ id: string }>((request, { id }) => {
  const document = getDocument(id);
  if (!document) throw new AppError("not_found", "No document with this id. It may have been deleted.");
  const query = new URL(request.url).searchParams;
  const parsed = pageSchema.safeParse({ offset: query.get("offset") ?? undefined, limit: query.get("limit") ?? undefined });
  if (!parsed.success) throw new AppError("invalid_request", "offset must be 0 or more and limit from 1 to 500.");
  const { offset, limit } = parsed.data;
  const chunks = getChunks([id]);
  return json({
    document: toDocumentJson(document),
    chunks: chunks.slice(offset, offset + limit).map(({ ord, pageStart, pageEnd, tokens, text }) => ({ ord, pageStart, pageEnd, tokens, text })),
    total: chunks.length,
    offset,
    limit,
  });
});

/** Removes the document, its pages, chunks and stored PDF: 204, or 404 not_found. */
export const DELETE = apiRoute<{ id: string }>(async (_request, { id }) => {
  await removeDocument(id);
  return new Response(null, { status: 204 });
});
