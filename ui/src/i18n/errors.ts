// What a customer reads when something fails: a catalog line chosen by the error's stable code
// (and, where one code covers several cases, its typed `detail`), never the backend's English
// `message`, which stays for staff and logs. Every ErrorCode has its line: the Record below does
// not compile when Rust adds a code the catalog lacks.
import { ApiError } from "../api/error";
import type { ErrorCode } from "../gen/ErrorCode";
import type { ErrorDetail } from "../gen/ErrorDetail";
import { formatRupees } from "../lib/format";
import { longDay } from "./dates";
import { t, type MessageKey } from "./index";

/** The generic line of each code (and of `Unreachable`, the UI's own). */
export const ERROR_KEYS: Record<ErrorCode | "Unreachable", MessageKey> = {
  Invalid: "error.Invalid",
  NotFound: "error.NotFound",
  Forbidden: "error.Forbidden",
  NotLoggedIn: "error.NotLoggedIn",
  BadCredentials: "error.BadCredentials",
  Throttled: "error.Throttled",
  OutOfStock: "error.OutOfStock",
  PaymentFailed: "error.PaymentFailed",
  Conflict: "error.Conflict",
  AlreadySetUp: "error.AlreadySetUp",
  IncompatibleVersion: "error.IncompatibleVersion",
  Busy: "error.Busy",
  Storage: "error.Storage",
  Internal: "error.Internal",
  Damaged: "error.Damaged",
  UnknownDevice: "error.UnknownDevice",
  OfficeOffline: "error.OfficeOffline",
  OutcomeUnknown: "error.OutcomeUnknown",
  UpdateKiosk: "error.UpdateKiosk",
  RefillRule: "error.RefillRule",
  Unreachable: "error.Unreachable",
};

/** The words for a typed reason, in the current language. */
export function detailText(detail: ErrorDetail): string {
  switch (detail.reason) {
    case "RefillYearCap":
      return t("refill.yearCap", { count: detail.refills_per_year, type: detail.type_name, date: longDay(detail.next_from) });
    case "RefillGap":
      return t("refill.gap", { type: detail.type_name, last: longDay(detail.last_refill), days: detail.gap_days, date: longDay(detail.next_from) });
    case "Throttled":
      return t("error.throttledSeconds", { seconds: detail.retry_after_secs });
    case "PriceChanged":
      return t("error.priceChanged", { price: formatRupees(detail.price), shown: formatRupees(detail.shown) });
    case "BookingPending":
      return t("error.bookingPending");
    case "BookingsPaused":
      return t("error.bookingsPaused");
  }
}

/** The line a customer reads for any failure. */
export function customerErrorText(error: unknown): string {
  if (!(error instanceof ApiError)) return t("error.unknown");
  if (error.detail !== undefined) return detailText(error.detail);
  const key = (ERROR_KEYS as Partial<Record<string, MessageKey>>)[error.code];
  return key === undefined ? t("error.unknown") : t(key);
}
