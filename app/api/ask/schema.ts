import { z } from "zod";
import { AppError } from "@/lib/errors";

export const askRequestSchema = z.object({
  // Length (4,000 characters after trimming) is checked with a clearer message by the plan.
  question: z.string().max(1_000_000),
  documentIds: z.array(z.string().min(1).max(200)).max(1000).optional(),
  mode: z.enum(["chunked", "full", "auto"]).optional(),
  model: z.string().min(1).max(200).optional(),
  contextTokens: z.number().int().min(100).max(1_000_000).optional(),
  dryRun: z.boolean().optional(),
  stream: z.boolean().optional(),
  /** Skip the answer cache (the new answer replaces the cached one). */
  noCache: z.boolean().optional(),
});

export type AskRequest = z.infer<typeof askRequestSchema>;

/** The request body, validated; throws invalid_request. */
export async function parseAskRequest(request: Request): Promise<AskRequest> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("invalid_request", "Send a JSON body like {\"question\": \"...\"}.");
  }
  const parsed = askRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    throw new AppError("invalid_request", `Invalid question request: ${issues}.`);
  }
  return parsed.data;
}
