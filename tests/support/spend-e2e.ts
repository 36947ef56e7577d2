/**
 * Browser-test helpers for the budget and the spend dashboard: budget and price calls through the app's
 * API, nano-dollar conversions, and the stand-in LLM's controls.
 */
import { expect, type APIRequestContext } from "@playwright/test";
import { FAKE_LLM_URL } from "./ports";

export const toNano = (usd: number): number => Math.round(usd * 1e9);

export interface BudgetBody {
  monthlyUsd: number | null;
  alertPercent: number;
  onExceed: "block" | "downgrade";
  spentUsd: number;
  reservedUsd: number;
  remainingUsd: number | null;
}

export async function getBudget(request: APIRequestContext): Promise<BudgetBody> {
  const res = await request.get("/api/budget");
  expect(res.status()).toBe(200);
  return (await res.json()) as BudgetBody;
}

export async function putBudget(request: APIRequestContext, patch: Partial<Pick<BudgetBody, "monthlyUsd" | "alertPercent" | "onExceed">>): Promise<BudgetBody> {
  const res = await request.put("/api/budget", { data: patch });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as BudgetBody;
}

/** Back to the defaults: no budget, alert at 80, block. */
export async function resetBudget(request: APIRequestContext): Promise<void> {
  await putBudget(request, { monthlyUsd: null, alertPercent: 80, onExceed: "block" });
}

/** The reserved estimate of a question, in nano-dollars (a dry run: nothing is sent). */
export async function estimateNano(request: APIRequestContext, body: { question: string; documentIds: string[]; model: string; mode?: "chunked" | "full" }): Promise<number> {
  const res = await request.post("/api/ask", { data: { ...body, dryRun: true } });
  expect(res.status(), await res.text()).toBe(200);
  return toNano(((await res.json()) as { cost: { estimatedUsd: number } }).cost.estimatedUsd);
}

export async function fakeControl(request: APIRequestContext, control: { behavior?: string; delayMs?: number; reset?: boolean }): Promise<void> {
  const res = await request.post(`${FAKE_LLM_URL}/control`, { data: control });
  expect(res.ok()).toBe(true);
}

export async function fakeCallCount(request: APIRequestContext): Promise<number> {
  return ((await (await request.get(`${FAKE_LLM_URL}/calls`)).json()) as { count: number }).count;
}

export interface LoggedQuery {
  id: string;
  status: string;
  errorCode: string | null;
  model: string;
  costUsd: number | null;
  chargedUsd: number;
  costIsEstimate: boolean;
  documentIds: string[];
}

export async function listLogged(request: APIRequestContext, query: string): Promise<LoggedQuery[]> {
  const res = await request.get(`/api/queries?${query}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { queries: LoggedQuery[] }).queries;
}
