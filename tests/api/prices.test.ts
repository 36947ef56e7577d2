import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { call } from "./spend-support";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tokenwise-api-prices-"));
process.env.DATA_DIR = dataDir;

const prices = await import("@/app/api/prices/route");
const one = await import("@/app/api/prices/[model]/route");
const { getModelPrice, estimateCostNano } = await import("@/lib/pricing");
const { closeAllDbs } = await import("@/lib/storage/db");

afterAll(() => {
  closeAllDbs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("GET /api/prices", () => {
  it("lists the catalog with source and date, the offline answerer at $0", async () => {
    const body = await (await call(prices.GET)).json();
    const offline = body.prices.find((p: { model: string }) => p.model === "offline");
    expect(offline).toMatchObject({ inputPerMTokens: 0, outputPerMTokens: 0 });
    const mini = body.prices.find((p: { model: string }) => p.model === "gpt-4o-mini");
    expect(mini).toMatchObject({ inputPerMTokens: 0.15, cachedInputPerMTokens: 0.075, outputPerMTokens: 0.6, contextWindow: 128_000, origin: "catalog" });
    expect(mini.source).toBeTruthy();
    expect(mini.priceDate).toMatch(/^\d{4}-\d{2}/);
    expect(body.prices.find((p: { model: string }) => p.model === "gpt-5.4").tiers).toHaveLength(1);
  });
});

describe("adding models", () => {
  it("a local model at $0", async () => {
    const response = await call(prices.POST, { method: "POST", body: { kind: "local", model: "llama3.1:8b" } });
    expect(response.status).toBe(201);
    expect((await response.json()).price).toMatchObject({ model: "llama3.1:8b", inputPerMTokens: 0, outputPerMTokens: 0, origin: "custom" });
    expect(getModelPrice("llama3.1:8b")?.provider).toBe("Local");
  });

  it("an Azure deployment name mapped to a base model's prices", async () => {
    const response = await call(prices.POST, { method: "POST", body: { kind: "deployment", model: "prod-gpt4o", baseModel: "gpt-4o" } });
    expect(response.status).toBe(201);
    const price = (await response.json()).price;
    expect(price).toMatchObject({ model: "prod-gpt4o", baseModel: "gpt-4o", provider: "Azure OpenAI", inputPerMTokens: 2.5, outputPerMTokens: 10, contextWindow: 128_000 });
    const bad = await call(prices.POST, { method: "POST", body: { kind: "deployment", model: "x", baseModel: "no-such-model" } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("unknown_model");
  });

  it("a model with prices of its own; a name already in the catalog is refused", async () => {
    const response = await call(prices.POST, { method: "POST", body: { kind: "custom", model: "acme-1", provider: "Acme", inputPerMTokens: 1, outputPerMTokens: 2, contextWindow: 32_000 } });
    expect(response.status).toBe(201);
    expect((await response.json()).price).toMatchObject({ cachedInputPerMTokens: 1 });
    const dup = await call(prices.POST, { method: "POST", body: { kind: "local", model: "gpt-4o" } });
    expect(dup.status).toBe(400);
    const invalid = await call(prices.POST, { method: "POST", body: { kind: "custom", model: "neg", provider: "A", inputPerMTokens: -1, outputPerMTokens: 1, contextWindow: 32_000 } });
    expect(invalid.status).toBe(400);
  });
});

describe("overriding and removing", () => {
  it("an override changes the next estimate and is marked; removing it restores the catalog price", async () => {
    const before = estimateCostNano({ promptTokens: 1_000_000, maxOutputTokens: 0, price: getModelPrice("gpt-4o-mini")! });
    expect(before).toBe(150_000_000);
    const response = await call(one.PUT, { method: "PUT", params: { model: "gpt-4o-mini" }, body: { inputPerMTokens: 0.3 } });
    expect(response.status).toBe(200);
    const price = (await response.json()).price;
    expect(price).toMatchObject({ inputPerMTokens: 0.3, outputPerMTokens: 0.6, origin: "override", source: "Edited in settings" });
    expect(price.priceDate).toBe(new Date().toISOString().slice(0, 10));
    expect(estimateCostNano({ promptTokens: 1_000_000, maxOutputTokens: 0, price: getModelPrice("gpt-4o-mini")! })).toBe(300_000_000);

    const removed = await call(one.DELETE, { method: "DELETE", params: { model: "gpt-4o-mini" } });
    expect(removed.status).toBe(200);
    expect((await removed.json()).price).toMatchObject({ inputPerMTokens: 0.15, origin: "catalog" });
    const again = await call(one.DELETE, { method: "DELETE", params: { model: "gpt-4o-mini" } });
    expect(again.status).toBe(404);
  });

  it("a slash in a model name works (azure/gpt-4o)", async () => {
    const response = await call(one.PUT, { method: "PUT", params: { model: "azure/gpt-4o" }, body: { outputPerMTokens: 12, tiers: [{ aboveTokens: 100_000, inputPerMTokens: 5, cachedInputPerMTokens: 2.5, outputPerMTokens: 20 }] } });
    expect(response.status).toBe(200);
    expect((await (await call(one.GET, { params: { model: "azure/gpt-4o" } })).json()).price).toMatchObject({ outputPerMTokens: 12, tiers: [{ aboveTokens: 100_000 }] });
    expect((await (await call(one.GET, { params: { model: "azure%2Fgpt-4o" } })).json()).price).toMatchObject({ model: "azure/gpt-4o", outputPerMTokens: 12 });
  });

  it("removing an added model deletes it; unknown models and the offline answerer are refused", async () => {
    expect((await (await call(one.DELETE, { method: "DELETE", params: { model: "llama3.1:8b" } })).json()).price).toBeNull();
    expect(getModelPrice("llama3.1:8b")).toBeUndefined();
    expect((await call(one.PUT, { method: "PUT", params: { model: "nope" }, body: { inputPerMTokens: 1 } })).status).toBe(404);
    expect((await call(one.PUT, { method: "PUT", params: { model: "offline" }, body: { inputPerMTokens: 1 } })).status).toBe(400);
    expect((await call(one.PUT, { method: "PUT", params: { model: "gpt-4o" }, body: { inputPerMTokens: "cheap" } })).status).toBe(400);
    expect((await call(one.PUT, { method: "PUT", params: { model: "gpt-4o" }, body: { origin: "catalog" } })).status).toBe(400);
  });
});
