import { z } from "zod";
import { budgetSettingsSchema } from "@/lib/spend/budget-settings";

/** PUT /api/budget: any of monthlyUsd, alertPercent, onExceed. */
export const budgetPatchSchema = budgetSettingsSchema.partial().strict();
export type BudgetPatch = z.infer<typeof budgetPatchSchema>;
