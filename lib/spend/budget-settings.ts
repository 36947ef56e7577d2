/** The monthly budget a person sets (stored), with its defaults: no limit, alert at 80 %, block. */
import { z } from "zod";
import { getSetting, setSetting } from "../storage/settings";
import type { BudgetSettings } from "./types";

export const budgetSettingsSchema = z.object({
  /** USD per calendar month, 0 to 1,000,000, at most 6 decimals; null means no limit. */
  monthlyUsd: z.number().finite().min(0).max(1_000_000).nullable(),
  /** 0 to 100. */
  alertPercent: z.number().finite().min(0).max(100),
  onExceed: z.enum(["block", "downgrade"]),
});

export const DEFAULT_BUDGET_SETTINGS: BudgetSettings = { monthlyUsd: null, alertPercent: 80, onExceed: "block" };

const KEY = "budget";

/** The budget settings in force: stored values over the defaults. */
export function getBudgetSettings(): BudgetSettings {
  const stored = getSetting<Partial<BudgetSettings>>(KEY) ?? {};
  const parsed = budgetSettingsSchema.safeParse({ ...DEFAULT_BUDGET_SETTINGS, ...stored });
  return parsed.success ? parsed.data : DEFAULT_BUDGET_SETTINGS;
}

/** Applies a partial update after validating the result; returns the settings in force. */
export function updateBudgetSettings(patch: Partial<BudgetSettings>): BudgetSettings {
  const next = budgetSettingsSchema.parse({ ...getBudgetSettings(), ...patch });
  setSetting(KEY, next);
  return next;
}
