/**
 * Answer scoring for `npm run eval -- --llm MODEL`: each planned prompt is sent to the model, numeric
 * gold answers are matched with a tolerance, free-text gold answers are graded by a judge model. The
 * answers' cost and the judge's cost are reported separately (the judge is the evaluation's cost, not
 * the product's).
 */
import { readEnv, llmConfigured } from "../env";
import { getAnswerer } from "../llm";
import { costOf, getModelPrice, OFFLINE_MODEL, type ModelPrice } from "../pricing";
import { buildPrompt } from "../qa/prompt";
import { countChatTokens, type ChatMessage } from "../tokens";
import type { EvalQuestion } from "./dataset";
import type { ConfigRun, EvalRun } from "./run";

/** Relative tolerance of a numeric match: 1% of the gold value (and at least 0.005 absolute for rounding). */
export const NUMERIC_TOLERANCE = 0.01;

const NUMBER = /-?\(?\$?\d[\d,]*(?:\.\d+)?\)?/g;

/** Numbers written in text ("$1,577", "(3.2)", "24.3%"), parentheses read as negative. Pure. */
export function numbersIn(text: string): number[] {
  const values: number[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const raw = match[0];
    const negative = raw.startsWith("-") || (raw.includes("(") && raw.includes(")"));
    const value = Number(raw.replace(/[-()$,]/g, ""));
    if (Number.isFinite(value)) values.push(negative ? -value : value);
  }
  return values;
}

/**
 * The gold answer as a number when it is one ("0.66", "$1,577.00", "24.26%", "-3.5 million"), else
 * null (free text). Pure.
 */
export function numericGold(answer: string): number | null {
  const stripped = answer
    .trim()
    .replace(/\.$/, "")
    .replace(/\b(usd|us\$|dollars?|millions?|billions?|thousands?|percent|per cent|mm|bn)\b/gi, "")
    .replace(/[%$\s]/g, "");
  if (!/^-?\(?\d[\d,]*(\.\d+)?\)?$/.test(stripped)) return null;
  return numbersIn(stripped)[0] ?? null;
}

/** True when some number in the answer is within the tolerance of gold (sign-insensitive: "a decline of 3.2" matches -3.2). Pure. */
export function numericMatch(answerText: string, gold: number, tolerance = NUMERIC_TOLERANCE): boolean {
  const slack = Math.max(Math.abs(gold) * tolerance, 0.005);
  return numbersIn(answerText).some((n) => Math.abs(n - gold) <= slack || Math.abs(Math.abs(n) - Math.abs(gold)) <= slack);
}

/** The judge's prompt: question, gold answer, candidate; the reply must start with CORRECT or INCORRECT. */
export function judgeMessages({ question, gold, candidate }: { question: string; gold: string; candidate: string }): ChatMessage[] {
  return [
    {
      role: "system",
      content:
        "You grade answers. Compare the candidate answer with the reference answer to the question. The candidate is CORRECT when it states the same facts and conclusion as the reference (wording, extra detail and rounding may differ); otherwise INCORRECT. Reply with one word: CORRECT or INCORRECT.",
    },
    { role: "user", content: `Question: ${question}\n\nReference answer: ${gold}\n\nCandidate answer: ${candidate}` },
  ];
}

/** Reads a judge's reply: true for CORRECT, false for INCORRECT or anything else. Pure. */
export function parseVerdict(reply: string): boolean {
  return /^\W*correct\b/i.test(reply.trim());
}

export interface AnswerScore {
  name: string;
  /** Questions answered (full-document prompts that do not fit the model are skipped). */
  answered: number;
  skipped: number;
  numeric: { questions: number; correct: number };
  freeText: { questions: number; correct: number };
  /** Mean cost of an answer (real usage where reported), USD; null when any cost is unknown. */
  answerUsdPerQuestion: number | null;
  /** Total cost of the judge's calls for this configuration, USD; null when unknown. */
  judgeUsd: number | null;
  errors: number;
}

/** A score with nothing counted yet (judge cost 0, to be added to). */
export function emptyAnswerScore(name: string): AnswerScore {
  return { name, answered: 0, skipped: 0, numeric: { questions: 0, correct: 0 }, freeText: { questions: 0, correct: 0 }, answerUsdPerQuestion: null, judgeUsd: 0, errors: 0 };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return results;
}

function addCost(total: number | null, cost: number | null): number | null {
  return total === null || cost === null ? null : total + cost;
}

/**
 * Answers every question of every configuration (and the full document where it fits the model) and
 * scores the answers. judgeModel defaults to the answering model; concurrency 4 requests at a time.
 */
export async function answerAndScore({
  run,
  questions,
  model,
  judgeModel = model,
  concurrency = 4,
  onProgress,
}: {
  run: EvalRun;
  questions: EvalQuestion[];
  model: string;
  judgeModel?: string;
  concurrency?: number;
  onProgress?: (message: string) => void;
}): Promise<AnswerScore[]> {
  const env = readEnv();
  if (model !== OFFLINE_MODEL && !llmConfigured(env)) {
    throw new Error(`--llm ${model}: no LLM is configured. Set OPENAI_API_KEY (or OPENAI_BASE_URL for a local server).`);
  }
  const price = getModelPrice(model) as ModelPrice | undefined;
  const judgePrice = getModelPrice(judgeModel) as ModelPrice | undefined;
  if (!price) throw new Error(`The price catalog does not know the model "${model}".`);
  if (!judgePrice) throw new Error(`The price catalog does not know the judge model "${judgeModel}".`);
  const answerer = getAnswerer(model, env);
  const judge = getAnswerer(judgeModel, env);
  const byId = new Map(questions.map((q) => [q.id, q]));
  const scores: AnswerScore[] = [];

  for (const configRun of [...run.configs, run.fullDocument] as ConfigRun[]) {
    const score = emptyAnswerScore(configRun.name);
    let answerNano: number | null = 0;
    let judgeNano: number | null = 0;
    await mapLimit(configRun.questions, concurrency, async (measured) => {
      const q = byId.get(measured.id) as EvalQuestion;
      const documentName = q.doc;
      const passages = measured.passages.map((p) => ({ ...p, documentName }));
      const messages = measured.messages.length > 0 ? measured.messages : buildPrompt({ passages, question: q.question, boundary: "tw-000000000000000000000000" });
      const promptTokens = measured.messages.length > 0 ? measured.promptTokens : countChatTokens(messages, price.encoding);
      if (promptTokens + env.maxOutputTokens > price.contextWindow) {
        score.skipped++;
        return;
      }
      try {
        const result = await answerer.answer({ model, messages, maxOutputTokens: env.maxOutputTokens, question: q.question, passages });
        score.answered++;
        answerNano = addCost(answerNano, result.usage ? costOf(result.usage, price) : null);
        if (q.answer === undefined) return;
        const gold = numericGold(q.answer);
        if (gold !== null) {
          score.numeric.questions++;
          if (numericMatch(result.text, gold)) score.numeric.correct++;
          return;
        }
        score.freeText.questions++;
        const verdict = await judge.answer({
          model: judgeModel,
          messages: judgeMessages({ question: q.question, gold: q.answer, candidate: result.text }),
          maxOutputTokens: 5,
          question: q.question,
          passages: [],
        });
        judgeNano = addCost(judgeNano, verdict.usage ? costOf(verdict.usage, judgePrice) : null);
        if (parseVerdict(verdict.text)) score.freeText.correct++;
      } catch (err) {
        score.errors++;
        onProgress?.(`${configRun.name} ${q.id}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    score.answerUsdPerQuestion = answerNano === null || score.answered === 0 ? null : answerNano / score.answered / 1e9;
    score.judgeUsd = judgeNano === null ? null : judgeNano / 1e9;
    scores.push(score);
    onProgress?.(`answered ${configRun.name}: ${score.answered} (${score.skipped} skipped, ${score.errors} errors)`);
  }
  return scores;
}

/** The answer scores as a terminal table. */
export function formatAnswerTable(scores: AnswerScore[]): string {
  const header = ["config", "answered", "numeric ok", "free text ok (judge)", "USD/answer", "judge USD"];
  const rows = scores.map((s) => [
    s.name,
    `${s.answered}${s.skipped ? ` (+${s.skipped} skipped)` : ""}`,
    `${s.numeric.correct}/${s.numeric.questions}`,
    `${s.freeText.correct}/${s.freeText.questions}`,
    s.answerUsdPerQuestion === null ? "unknown" : `$${s.answerUsdPerQuestion.toFixed(6)}`,
    s.judgeUsd === null ? "unknown" : `$${s.judgeUsd.toFixed(6)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return ["Answers", line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
