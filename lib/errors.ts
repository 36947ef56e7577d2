/**
 * The one error type for expected failures: a stable code, an HTTP status and a message a person can act on.
 * Internal failures are plain Errors: logged in full, shown without internals.
 */
export type ErrorCode =
  | "invalid_request"
  | "unauthorized"
  | "forbidden_origin"
  | "not_found"
  | "empty_file"
  | "not_pdf"
  | "invalid_pdf"
  | "encrypted"
  | "no_text"
  | "file_too_large"
  | "too_many_pages"
  | "extraction_failed"
  | "no_documents"
  | "unknown_model"
  | "llm_not_configured"
  | "llm_error"
  | "context_too_large"
  | "prompt_over_limit"
  | "budget_exceeded"
  | "internal_error";

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden_origin: 403,
  not_found: 404,
  empty_file: 400,
  not_pdf: 415,
  invalid_pdf: 422,
  encrypted: 422,
  no_text: 422,
  file_too_large: 413,
  too_many_pages: 413,
  extraction_failed: 422,
  no_documents: 400,
  unknown_model: 400,
  llm_not_configured: 400,
  llm_error: 502,
  context_too_large: 413,
  prompt_over_limit: 400,
  budget_exceeded: 402,
  internal_error: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra fields sent beside code and message (e.g. promptTokens, remainingUsd). */
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string } & Record<string, unknown>;
}

/** The JSON body and status for any thrown value; internals never leak into the message. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (isAppError(err)) {
    return { status: err.status, body: { error: { ...err.details, code: err.code, message: err.message } } };
  }
  return {
    status: 500,
    body: { error: { code: "internal_error", message: "Something went wrong on the server. Try again; if it keeps happening, check the server log." } },
  };
}
