// Errors from the backend arrive as `{code, message, field?}` (ErrorPayload, generated from
// Rust). Screens branch on `code`, never on the message text, and show `message` as is.
import type { ErrorCode } from "../gen/ErrorCode";
import type { ErrorPayload } from "../gen/ErrorPayload";

export class ApiError extends Error {
  readonly code: ErrorCode | "Unreachable";
  readonly field: string | undefined;

  constructor(code: ErrorCode | "Unreachable", message: string, field?: string) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.field = field;
  }
}

function isPayload(value: unknown): value is ErrorPayload {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

/** Turns whatever a failed invoke threw into an ApiError. */
export function toApiError(raw: unknown): ApiError {
  if (raw instanceof ApiError) return raw;
  if (isPayload(raw)) return new ApiError(raw.code, raw.message, raw.field);
  const text = raw instanceof Error ? raw.message : String(raw);
  return new ApiError("Unreachable", `GasDesk could not reach its backend (${text}).`);
}
