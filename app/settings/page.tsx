import { AddModelForm } from "@/components/add-model-form";
import { AppSettingsForm } from "@/components/app-settings-form";
import { BudgetForm } from "@/components/budget-form";
import { LlmStatusCard } from "@/components/llm-status-card";
import { PriceCatalog } from "@/components/price-catalog";
import { RoutingSettingsForm } from "@/components/routing-settings-form";
import { getRoutingSettings } from "@/lib/routing/config";
import { getAppSettings } from "@/lib/settings";
import { getBudgetStatus } from "@/lib/spend/budget";
import { describeLlm } from "@/lib/spend/llm-status";
import { listPrices } from "@/lib/spend/price-edits";

export const dynamic = "force-dynamic";

export default function SettingsPage() {
  const prices = listPrices();
  const settings = getAppSettings();
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold text-slate-900">Settings</h1>
      <LlmStatusCard status={describeLlm()} />
      <BudgetForm budget={getBudgetStatus()} />
      <AppSettingsForm key={JSON.stringify(settings)} settings={settings} />
      <RoutingSettingsForm routing={getRoutingSettings()} models={prices.map((p) => p.model)} />
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" id="prices" data-testid="prices">
        <h2 className="text-base font-semibold text-slate-900">Prices</h2>
        <p className="mb-3 mt-1 text-sm text-slate-600">
          USD per million tokens. Edited prices apply from the next question; past questions keep the cost they were charged.
        </p>
        <PriceCatalog prices={prices} />
        <AddModelForm baseModels={prices.filter((p) => p.model !== "offline" && !p.baseModel).map((p) => p.model)} />
      </section>
    </div>
  );
}
