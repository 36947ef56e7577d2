import { z } from "zod";

const optionalText = z.string().trim().max(500).optional();

/** GET /api/queries query parameters. */
export const queriesQuerySchema = z.object({
  from: optionalText,
  to: optionalText,
  documentId: optionalText,
  model: optionalText,
  mode: optionalText,
  format: z.enum(["json", "csv"]).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});
export type QueriesQuery = z.infer<typeof queriesQuerySchema>;
