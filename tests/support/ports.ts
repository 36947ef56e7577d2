/**
 * Ports for browser tests. E2E_PORT_OFFSET shifts them all, so two runs on one machine do not collide.
 */
const offset = Number(process.env.E2E_PORT_OFFSET || 0);

export const E2E_PORTS = { offline: 3101 + offset, llm: 3102 + offset, fakeLlm: 3199 + offset } as const;

/** Base URL of the stand-in OpenAI-compatible server used by the "llm" app. */
export const FAKE_LLM_URL = `http://127.0.0.1:${E2E_PORTS.fakeLlm}`;
