"use client";

import { useState } from "react";
import { sendJson } from "@/lib/http/send-json";
import { formatUsd } from "@/lib/pricing/cost";
import type { BudgetStatus } from "@/lib/spend/budget";
import { Field, inputClass } from "./form-field";
import { FormFooter } from "./form-footer";
import { useSaveAction } from "./use-save-action";

/** The monthly budget: limit in USD (blank: none), alert percent and what happens past it (PUT /api/budget). */
export function BudgetForm({ budget }: { budget: BudgetStatus }) {
  const [monthlyUsd, setMonthlyUsd] = useState(budget.monthlyUsd === null ? "" : String(budget.monthlyUsd));
  const [alertPercent, setAlertPercent] = useState(String(budget.alertPercent));
  const [onExceed, setOnExceed] = useState(budget.onExceed);
  const { message, saving, run } = useSaveAction();

  async function save(event: React.FormEvent) {
    event.preventDefault();
    await run(async () => {
      await sendJson("/api/budget", {
        method: "PUT",
        body: { monthlyUsd: monthlyUsd.trim() === "" ? null : Number(monthlyUsd), alertPercent: Number(alertPercent), onExceed },
      });
      return "Budget saved. It applies from the next question.";
    });
  }

  return (
    <form onSubmit={save} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="budget-form" id="budget">
      <h2 className="text-base font-semibold text-slate-900">Monthly budget</h2>
      <p className="mt-1 text-sm text-slate-600" data-testid="budget-status">
        {budget.month}: spent {formatUsd(budget.spentUsd)}
        {budget.reservedUsd > 0 ? `, ${formatUsd(budget.reservedUsd)} reserved for questions in flight` : ""}
        {budget.remainingUsd === null ? "; no limit." : `; ${formatUsd(budget.remainingUsd)} left.`}
      </p>
      <div className="mt-3 grid gap-4 sm:grid-cols-3">
        <Field label="Limit per month (USD)" hint="blank: no limit">
          <input type="number" min={0} step="any" value={monthlyUsd} onChange={(e) => setMonthlyUsd(e.target.value)} placeholder="no limit" className={inputClass} data-testid="budget-monthly" />
        </Field>
        <Field label="Alert at (% used)" hint="0 to 100; the dashboard warns past it">
          <input type="number" min={0} max={100} value={alertPercent} onChange={(e) => setAlertPercent(e.target.value)} className={inputClass} data-testid="budget-alert-percent" />
        </Field>
        <Field label="When a question does not fit" hint="checked on the server before any call">
          <select value={onExceed} onChange={(e) => setOnExceed(e.target.value as BudgetStatus["onExceed"])} className={inputClass} data-testid="budget-on-exceed">
            <option value="block">Refuse it</option>
            <option value="downgrade">Retry with the cheapest model, then fewer context tokens</option>
          </select>
        </Field>
      </div>
      <FormFooter saving={saving} message={message} testId="budget-save" />
    </form>
  );
}
