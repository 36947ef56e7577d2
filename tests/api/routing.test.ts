import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "tokenwise-routing-api-"));
process.env.ACCESS_TOKEN = "";

import { afterAll, describe, expect, it } from "vitest";
import { GET, PUT } from "@/app/api/routing/route";
import { DEFAULT_ROUTING_SETTINGS } from "@/lib/routing/config";
import { closeAllDbs } from "@/lib/storage";

afterAll(() => closeAllDbs());

const ctx = { params: Promise.resolve({}) };
const put = (body: unknown) =>
  PUT(new Request("http://127.0.0.1:3000/api/routing", { method: "PUT", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) }), ctx);

describe("/api/routing", () => {
  it("GET answers the routes in force and the defaults", async () => {
    const res = await GET(new Request("http://127.0.0.1:3000/api/routing"), ctx);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ routing: DEFAULT_ROUTING_SETTINGS, defaults: DEFAULT_ROUTING_SETTINGS });
  });

  it("PUT changes one tier's fields and keeps the rest", async () => {
    const res = await put({ simple: { model: "offline", contextTokens: 800 }, cascade: false });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.routing.simple).toEqual({ ...DEFAULT_ROUTING_SETTINGS.simple, model: "offline", contextTokens: 800 });
    expect(body.routing.cascade).toBe(false);
    expect(body.routing.complex).toEqual(DEFAULT_ROUTING_SETTINGS.complex);
  });

  it("refuses an unknown model with the known ones, and invalid values", async () => {
    const unknown = await put({ complex: { model: "no-such-model" } });
    expect(unknown.status).toBe(400);
    const body = await unknown.json();
    expect(body.error.code).toBe("unknown_model");
    expect(body.error.knownModels).toContain("gpt-4.1");
    for (const bad of [{ moderate: { compressionRatio: 2 } }, { simple: { contextTokens: 5 } }, { sideways: true }, "not json"]) {
      const res = await put(bad);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe("invalid_request");
    }
    const after = await (await GET(new Request("http://127.0.0.1:3000/api/routing"), ctx)).json();
    expect(after.routing.complex.model).toBe(DEFAULT_ROUTING_SETTINGS.complex.model);
  });
});
