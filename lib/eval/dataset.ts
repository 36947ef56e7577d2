/**
 * Evaluation datasets: JSON Lines, one question per line. A malformed line stops the run with its line
 * number and what is wrong, so a person fixes the file instead of reading skewed numbers.
 */
import { z } from "zod";

export const evalQuestionSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  /** A PDF file name in the dataset's PDF folder. */
  doc: z.string().min(1),
  question: z.string().min(1),
  answer: z.union([z.string(), z.number()]).transform(String).optional(),
  /** 1-based physical page numbers holding the evidence. */
  evidence_pages: z.array(z.number().int().positive()).optional(),
  evidence_text: z.string().optional(),
  /** Who the document is about (optional; used to split a dataset into halves). */
  company: z.string().optional(),
});

/** A question with the 1-based line it came from. */
export type EvalQuestion = z.infer<typeof evalQuestionSchema> & { line: number };

/** A dataset line that cannot be used: its 1-based line number and the reason. */
export class DatasetError extends Error {
  readonly line: number;
  constructor(line: number, reason: string, source = "dataset") {
    super(`${source}, line ${line}: ${reason}`);
    this.name = "DatasetError";
    this.line = line;
  }
}

/**
 * Parses JSON Lines text into questions (blank lines skipped). Throws DatasetError for the first bad
 * line: invalid JSON, a missing or mistyped field, or an id seen before. Pure.
 */
export function parseDataset(text: string, source = "dataset"): EvalQuestion[] {
  const questions: EvalQuestion[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw new DatasetError(line, `not valid JSON (${(err as Error).message})`, source);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new DatasetError(line, "expected a JSON object", source);
    const parsed = evalQuestionSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.length > 0 ? `field "${issue.path.join(".")}"` : "line";
      const missing = issue.code === "invalid_type" && (value as Record<string, unknown>)[String(issue.path[0])] === undefined;
      throw new DatasetError(line, missing ? `${field} is missing` : `${field}: ${issue.message}`, source);
    }
    const previous = seen.get(parsed.data.id);
    if (previous !== undefined) throw new DatasetError(line, `id "${parsed.data.id}" already used on line ${previous}`, source);
    seen.set(parsed.data.id, line);
    questions.push({ ...parsed.data, line });
  });
  if (questions.length === 0) throw new DatasetError(1, "no questions in the file", source);
  return questions;
}

/** The company a question is about: its `company` field, else the document name before its first `_`. */
export function companyOf(question: Pick<EvalQuestion, "company" | "doc">): string {
  return (question.company ?? question.doc.split("_")[0]).trim();
}

/**
 * Questions whose company name starts with a letter in the range `from-to` (case-insensitive, e.g.
 * `A-B`): a rule that splits a dataset by company, so tuning on one half and checking the other never
 * mixes a company's documents between the halves. Throws RangeError for a malformed range.
 */
export function filterByCompanyRange(questions: EvalQuestion[], range: string): EvalQuestion[] {
  const match = /^([a-z])-([a-z])$/i.exec(range.trim());
  if (!match) throw new RangeError(`Company range "${range}" should look like A-B.`);
  const from = match[1].toLowerCase();
  const to = match[2].toLowerCase();
  return questions.filter((q) => {
    const first = companyOf(q).charAt(0).toLowerCase();
    return first >= from && first <= to;
  });
}
