import { z } from "zod";
import { AppError } from "@/lib/errors";

const blankToUndefined = (value: unknown) => (value === null || value === "" ? undefined : value);

/** Optional fields beside `file` in POST /api/documents (multipart values are strings). */
export const uploadFieldsSchema = z
  .object({
    strategy: z.preprocess(blankToUndefined, z.enum(["window", "page", "paragraph"]).optional()),
    /** Window (and cap) in tokens; 64 to 8192. */
    windowTokens: z.preprocess(blankToUndefined, z.coerce.number().int().min(64).max(8192).optional()),
    /** Overlap in tokens; 0 to 4096, and less than the window. */
    overlapTokens: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(4096).optional()),
  })
  .refine((v) => v.windowTokens === undefined || v.overlapTokens === undefined || v.overlapTokens < v.windowTokens, {
    message: "overlapTokens must be smaller than windowTokens",
    path: ["overlapTokens"],
  });

export type UploadFields = z.infer<typeof uploadFieldsSchema>;

/** Room for the multipart framing around the file when comparing Content-Length with the limit; 64 KiB. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The `file` and fields of an upload; throws invalid_request or file_too_large (before buffering when it can). */
export async function parseUpload(request: Request, maxUploadBytes: number): Promise<{ file: File; fields: UploadFields }> {
  const length = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(length) && length > maxUploadBytes + MULTIPART_OVERHEAD_BYTES) {
    throw new AppError("file_too_large", `The upload is ${(length / 1024 / 1024).toFixed(1)} MB; the limit is ${(maxUploadBytes / 1024 / 1024).toFixed(1)} MB (MAX_UPLOAD_MB).`, { maxBytes: maxUploadBytes });
  }
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    throw new AppError("invalid_request", "Send the PDF as multipart/form-data with the file in a field named \"file\".");
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError("invalid_request", "The upload could not be read as multipart/form-data. Send the PDF in a field named \"file\".");
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("invalid_request", "No file in the upload: send the PDF in a field named \"file\".");
  const parsed = uploadFieldsSchema.safeParse({ strategy: form.get("strategy"), windowTokens: form.get("windowTokens"), overlapTokens: form.get("overlapTokens") });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "fields"}: ${i.message}`).join("; ");
    throw new AppError("invalid_request", `Invalid chunk settings: ${issues}.`);
  }
  return { file, fields: parsed.data };
}
