/**
 * A failed model call: an AppError llm_error (502) that also carries what was generated before it failed,
 * so the question can be recorded with its partial answer.
 */
import { AppError } from "../errors";

export class LlmCallError extends AppError {
  /** Text streamed before the failure ("" when nothing arrived). */
  readonly partialText: string;
  /** The provider's HTTP status; null for timeouts and connection failures. */
  readonly providerStatus: number | null;

  constructor({ message, partialText, providerStatus, attempts }: { message: string; partialText: string; providerStatus: number | null; attempts: number }) {
    super("llm_error", message, { providerStatus, attempts });
    this.partialText = partialText;
    this.providerStatus = providerStatus;
  }
}

/** Removes anything key-like from text that may be shown (provider messages can echo a key). */
export function scrubSecrets(text: string, secret: string | undefined): string {
  let out = text;
  if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  return out.replace(/\b(sk|key|rk|pk)-[A-Za-z0-9_*\-]{6,}/g, "[redacted]").replace(/Bearer\s+\S+/gi, "Bearer [redacted]");
}
