// Errors from the backend arrive as `{code, message, field?, detail?}` (ErrorPayload, generated
// from Rust). Screens branch on `code`, never on the message text. Staff screens show `message`
// as is; customer screens show a catalog line chosen by `code` and `detail` (i18n/errors.ts).
import type { ErrorCode } from "../gen/ErrorCode";
import type { ErrorDetail } from "../gen/ErrorDetail";
import type { ErrorPayload } from "../gen/ErrorPayload";

export class ApiError extends Error {
  readonly code: ErrorCode | "Unreachable";
  readonly field: string | undefined;
  /** The typed reason, when the code covers several cases (a refill rule, a changed price…). */
  readonly detail: ErrorDetail | undefined;

  constructor(code: ErrorCode | "Unreachable", message: string, field?: string, detail?: ErrorDetail) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.field = field;
    this.detail = detail;
  }
}

function isPayload(value: unknown): value is ErrorPayload {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

/** Turns whatever a failed invoke threw into an ApiError. */
export function toApiError(raw: unknown): ApiError {
  if (raw instanceof ApiError) return raw;
  if (isPayload(raw)) return new ApiError(raw.code, raw.message, raw.field, raw.detail);
  const text = raw instanceof Error ? raw.message : String(raw);
  return new ApiError("Unreachable", `GasDesk could not reach its backend (${text}).`);
}
