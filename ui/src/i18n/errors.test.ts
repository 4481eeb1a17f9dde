// Every error code has its line in both languages, and a customer never reads the backend's
// English message.
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../api/error";
import type { ErrorCode } from "../gen/ErrorCode";
import type { ErrorDetail } from "../gen/ErrorDetail";
import { customerErrorText, ERROR_KEYS } from "./errors";
import { catalog, resetLanguage, setLanguage } from "./index";

afterEach(() => resetLanguage());

// Every code Rust can send (a compile error here when ErrorCode gains one and this list does not).
const ALL_CODES: Record<ErrorCode, true> = {
  Invalid: true,
  NotFound: true,
  Forbidden: true,
  NotLoggedIn: true,
  BadCredentials: true,
  Throttled: true,
  OutOfStock: true,
  PaymentFailed: true,
  Conflict: true,
  AlreadySetUp: true,
  IncompatibleVersion: true,
  Busy: true,
  Storage: true,
  Internal: true,
  Damaged: true,
  UnknownDevice: true,
  OfficeOffline: true,
  OutcomeUnknown: true,
  UpdateKiosk: true,
  RefillRule: true,
};

const BACKEND_ENGLISH = "Backend words that must not be shown";

describe("customer error lines", () => {
  it.each(Object.keys(ALL_CODES) as ErrorCode[])("%s has a line in both catalogs and never shows the backend's message", (code) => {
    const key = ERROR_KEYS[code];
    expect(catalog("en")[key]).toBeTruthy();
    expect(catalog("hi")[key]).toBeTruthy();
    const error = new ApiError(code, BACKEND_ENGLISH);
    expect(customerErrorText(error)).toBe(catalog("en")[key]);
    setLanguage("hi");
    expect(customerErrorText(error)).toBe(catalog("hi")[key]);
    expect(customerErrorText(error)).not.toContain("Backend");
  });

  it("says a refill rule's dates in Hindi, from its typed reason", () => {
    setLanguage("hi");
    const text = customerErrorText(
      new ApiError("RefillRule", BACKEND_ENGLISH, undefined, { reason: "RefillGap", type_name: "14.2 kg", last_refill: "2026-11-02", gap_days: 25, next_from: "2026-11-27" }),
    );
    expect(text).toContain("25 दिन");
    expect(text).toContain("27");
    expect(text).not.toMatch(/Nov/);
    expect(text).toMatch(/नव/);
  });

  it("says the seconds to wait, and a changed price the Indian way", () => {
    setLanguage("hi");
    expect(customerErrorText(new ApiError("Throttled", BACKEND_ENGLISH, undefined, { reason: "Throttled", retry_after_secs: 42 }))).toContain("42 सेकंड");
    const price = customerErrorText(new ApiError("Conflict", BACKEND_ENGLISH, undefined, { reason: "PriceChanged", price: "100000.00", shown: "99000" }));
    expect(price).toContain("₹1,00,000.00");
    expect(price).toContain("₹99,000.00");
  });

  // Each customer-facing refusal the backend now types: its code, its detail, the English
  // message Rust sends (src-tauri/core/src/error.rs), and what the Hindi line must carry.
  const TYPED: readonly { code: ErrorCode; detail: ErrorDetail; english: string; hindiHas?: string }[] = [
    {
      code: "Conflict",
      detail: { reason: "TooManyOpenComplaints", max_open: 3 },
      english: "You already have 3 open complaints. Please wait for the agency to answer them, or cancel one.",
      hindiHas: "3 शिकायतें",
    },
    {
      code: "Conflict",
      detail: { reason: "TooManyOpenComplaints", max_open: 1 },
      english: "You already have 1 open complaint. Please wait for the agency to answer it, or cancel it.",
      hindiHas: "1 शिकायत",
    },
    { code: "Conflict", detail: { reason: "ComplaintClosed", status: "Completed" }, english: "This complaint is already completed.", hindiHas: "पूरी हो चुकी" },
    { code: "Conflict", detail: { reason: "ComplaintClosed", status: "Cancelled" }, english: "This complaint is already cancelled.", hindiHas: "रद्द हो चुकी" },
    {
      code: "Conflict",
      detail: { reason: "BookingNotCharged" },
      english: "This booking did not go through, and you were not charged for it. You can book again.",
    },
    {
      code: "Conflict",
      detail: { reason: "BookingCancelled", amount: "100000.00", refunded: true, during_payment: false },
      english: "This booking was cancelled and did not go through. Your payment of ₹1,00,000.00 has been refunded.",
      hindiHas: "₹1,00,000.00",
    },
    {
      code: "Conflict",
      detail: { reason: "BookingCancelled", amount: "1000.00", refunded: false, during_payment: false },
      english:
        "This booking was cancelled and did not go through. Your payment of ₹1,000.00 will be refunded: the agency has been told and is following it up.",
      hindiHas: "वापस किया जाएगा",
    },
    {
      code: "Conflict",
      detail: { reason: "BookingCancelled", amount: "1000.00", refunded: true, during_payment: true },
      english: "This booking was cancelled while the payment was going through. Your payment of ₹1,000.00 has been refunded.",
      hindiHas: "वापस कर दिया गया",
    },
    {
      code: "Conflict",
      detail: { reason: "BookingCancelled", amount: "1000.00", refunded: false, during_payment: true },
      english:
        "This booking was cancelled while the payment was going through. Your payment of ₹1,000.00 will be refunded: the agency has been told and is following it up.",
      hindiHas: "₹1,000.00",
    },
    {
      code: "Conflict",
      detail: { reason: "BookingKeyUsed" },
      english: "This booking request was already used for another customer. Nothing was booked or charged. Please start the booking again.",
    },
    { code: "Conflict", detail: { reason: "CylinderTaken" }, english: "That cylinder was just taken. Please try again." },
    { code: "Conflict", detail: { reason: "NoReceiptYet" }, english: "Only a completed booking has a receipt." },
    { code: "Invalid", detail: { reason: "NoConnectionOfType" }, english: "You have no connection for that kind of cylinder. Please ask the agency staff." },
    { code: "Invalid", detail: { reason: "ChooseConnection" }, english: "Please choose which of your connections to refill." },
    {
      code: "Invalid",
      detail: { reason: "TypeNotSold", type_name: "5 kg FTL" },
      english: "5 kg FTL cylinders are no longer sold. Please ask the agency staff.",
      hindiHas: "5 kg FTL सिलेंडर",
    },
  ];

  it.each(TYPED)("$detail.reason: the backend's words in English, its own Hindi line in Hindi", ({ code, detail, english, hindiHas }) => {
    const error = new ApiError(code, english, code === "Invalid" ? "type_id" : undefined, detail);
    // English: the same words the backend sends (a complaint's status in lower case, as a sentence has it).
    expect(customerErrorText(error).toLowerCase()).toBe(english.toLowerCase());
    setLanguage("hi");
    const hindi = customerErrorText(error);
    expect(hindi).toMatch(/[\u0900-\u097F]/);
    expect(hindi).not.toBe(catalog("hi")[ERROR_KEYS[code]]);
    expect(hindi).not.toMatch(/\b(?:booking|complaint|cancelled|refunded|payment|connection|please)\b/i);
    if (hindiHas !== undefined) expect(hindi).toContain(hindiHas);
  });

  it("gives a plain line for anything that is not an ApiError", () => {
    expect(customerErrorText(new Error("boom"))).toBe("Something went wrong. Please try again.");
  });
});
