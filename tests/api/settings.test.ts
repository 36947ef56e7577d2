import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { call } from "./spend-support";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tokenwise-api-settings-"));
process.env.DATA_DIR = dataDir;

const { GET, PUT } = await import("@/app/api/settings/route");
const { closeAllDbs } = await import("@/lib/storage/db");

const saved = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL, model: process.env.OPENAI_MODEL };

afterEach(() => {
  process.env.OPENAI_API_KEY = saved.key ?? "";
  process.env.OPENAI_BASE_URL = saved.url ?? "";
  process.env.OPENAI_MODEL = saved.model ?? "";
});

afterAll(() => {
  closeAllDbs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("GET /api/settings", () => {
  it("offline: says so, with the offline answerer as default", async () => {
    process.env.OPENAI_API_KEY = "";
    process.env.OPENAI_BASE_URL = "";
    const body = await (await call(GET)).json();
    expect(body.llm).toMatchObject({ configured: false, defaultModel: "offline", endpointHost: null, hasApiKey: false });
    expect(body.settings).toMatchObject({ chunkStrategy: "page", contextTokens: 2000, timeZone: "UTC", promptTokenLimits: { chunked: null, full: null } });
  });

  it("configured: reports the model and the endpoint host, never the key", async () => {
    process.env.OPENAI_API_KEY = "sk-secret-value-123";
    process.env.OPENAI_BASE_URL = "https://user:pw@llm.example.com:8443/v1?key=leak";
    process.env.OPENAI_MODEL = "gpt-4.1-mini";
    const response = await call(GET);
    const text = await response.text();
    expect(text).not.toContain("sk-secret-value-123");
    expect(text).not.toContain("pw@");
    expect(text).not.toContain("leak");
    const body = JSON.parse(text);
    expect(body.llm).toMatchObject({ configured: true, defaultModel: "gpt-4.1-mini", endpointHost: "llm.example.com:8443", hasApiKey: true });
  });
});

describe("PUT /api/settings", () => {
  it("takes partial updates, including one mode's prompt ceiling", async () => {
    let body = await (await call(PUT, { method: "PUT", body: { contextTokens: 3000, timeZone: "Europe/Paris" } })).json();
    expect(body.settings).toMatchObject({ contextTokens: 3000, timeZone: "Europe/Paris", windowTokens: 1024 });
    body = await (await call(PUT, { method: "PUT", body: { promptTokenLimits: { full: 50_000 } } })).json();
    expect(body.settings.promptTokenLimits).toEqual({ chunked: null, full: 50_000 });
    body = await (await call(PUT, { method: "PUT", body: { promptTokenLimits: { chunked: 4000, full: null } } })).json();
    expect(body.settings.promptTokenLimits).toEqual({ chunked: 4000, full: null });
    body = await (await call(PUT, { method: "PUT", body: { chunkStrategy: "page", windowTokens: 1024, overlapTokens: 128 } })).json();
    expect(body.settings).toMatchObject({ chunkStrategy: "page", windowTokens: 1024, overlapTokens: 128 });
    expect((await (await call(GET)).json()).settings.timeZone).toBe("Europe/Paris");
  });

  it("refuses invalid values with 400 and keeps the settings", async () => {
    for (const bad of [{ timeZone: "Mars/Base" }, { contextTokens: 10 }, { windowTokens: 256, overlapTokens: 200 }, { overlapTokens: 1000 }, { chunkStrategy: "sentence" }, { promptTokenLimits: { full: -1 } }, { apiKey: "x" }]) {
      const response = await call(PUT, { method: "PUT", body: bad });
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect((await response.json()).error.code).toBe("invalid_request");
    }
    expect((await (await call(GET)).json()).settings).toMatchObject({ windowTokens: 1024, overlapTokens: 128, timeZone: "Europe/Paris" });
  });
});
