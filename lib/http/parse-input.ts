/** Request input checked with a zod schema; a failure is a 400 invalid_request naming the first bad field. */
import type { z } from "zod";
import { AppError } from "../errors";

/** Parses value with schema or throws AppError invalid_request with a readable message. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw new AppError("invalid_request", `Invalid request. ${where}${issue?.message ?? "check the fields"}.`, {
    issues: result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  });
}

/** The request's JSON body, or invalid_request when it is not JSON. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("invalid_request", "The request body must be JSON.");
  }
}
