import { apiRoute, json } from "@/lib/http/handler";
import { parseInput, readJson } from "@/lib/http/parse-input";
import { getBudgetStatus, updateBudget, type BudgetStatus } from "@/lib/spend/budget";
import { budgetPatchSchema } from "./schema";

export const dynamic = "force-dynamic";

function toBody(status: BudgetStatus) {
  return {
    monthlyUsd: status.monthlyUsd,
    alertPercent: status.alertPercent,
    onExceed: status.onExceed,
    spentUsd: status.spentUsd,
    reservedUsd: status.reservedUsd,
    remainingUsd: status.remainingUsd,
    month: status.month,
  };
}

export const GET = apiRoute(() => json(toBody(getBudgetStatus(Date.now()))));

export const PUT = apiRoute(async (request) => {
  const patch = parseInput(budgetPatchSchema, await readJson(request));
  return json(toBody(updateBudget({ patch, now: Date.now() })));
});
