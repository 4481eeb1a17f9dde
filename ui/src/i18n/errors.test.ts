// Every error code has its line in both languages, and a customer never reads the backend's
// English message.
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../api/error";
import type { ErrorCode } from "../gen/ErrorCode";
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

  it("gives a plain line for anything that is not an ApiError", () => {
    expect(customerErrorText(new Error("boom"))).toBe("Something went wrong. Please try again.");
  });
});
