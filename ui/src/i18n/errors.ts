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
    case "TooManyOpenComplaints":
      return detail.max_open === 1 ? t("error.tooManyComplaintsOne") : t("error.tooManyComplaints", { count: detail.max_open });
    case "ComplaintClosed":
      // A Pending complaint is never refused as closed; the generic line covers the impossible.
      if (detail.status === "Pending") return t("error.Conflict");
      return detail.status === "Cancelled" ? t("error.complaintCancelled") : t("error.complaintCompleted");
    case "BookingNotCharged":
      return t("error.bookingNotCharged");
    case "BookingCancelled":
      return t(BOOKING_CANCELLED_KEYS[`${detail.during_payment}/${detail.refunded}`], { amount: formatRupees(detail.amount) });
    case "BookingKeyUsed":
      return t("error.bookingKeyUsed");
    case "CylinderTaken":
      return t("error.cylinderTaken");
    case "NoReceiptYet":
      return t("error.noReceiptYet");
    case "NoConnectionOfType":
      return t("error.noConnectionOfType");
    case "ChooseConnection":
      return t("error.chooseConnection");
    case "TypeNotSold":
      return t("error.typeNotSold", { type: detail.type_name });
  }
}

/** A cancelled booking's line by `during_payment/refunded`: when it was found, and where the money is. */
const BOOKING_CANCELLED_KEYS: Record<`${boolean}/${boolean}`, MessageKey> = {
  "false/true": "error.bookingRefunded",
  "false/false": "error.bookingRefundDue",
  "true/true": "error.bookingRefundedDuringPayment",
  "true/false": "error.bookingRefundDueDuringPayment",
};

/** The line a customer reads for any failure. */
export function customerErrorText(error: unknown): string {
  if (!(error instanceof ApiError)) return t("error.unknown");
  if (error.detail !== undefined) return detailText(error.detail);
  const key = (ERROR_KEYS as Partial<Record<string, MessageKey>>)[error.code];
  return key === undefined ? t("error.unknown") : t(key);
}
