import { describe, expect, it } from "vitest";
import { allowanceText, formatCalendarDay, gstPercentText, parseConsumerNo, parseGstPercent, parseGstin, parseTestDueStamp } from "./trade";

describe("what staff type about the trade", () => {
  it("reads a test-due stamp the way the backend does: quarter letter A–D and two digits", () => {
    for (const typed of ["C-27", "c27", "C 27", "C/27", " c-27 "]) expect(parseTestDueStamp(typed), typed).toEqual({ value: "C-27" });
    expect(parseTestDueStamp("A-00")).toEqual({ value: "A-00" });
    for (const bad of ["E-27", "C-2027", "C-7", "27", "C-2A", "CC-27"]) expect(parseTestDueStamp(bad), bad).toHaveProperty("error");
    expect(parseTestDueStamp("")).toEqual({ error: "Enter the test-due stamp from the collar, such as C-27." });
  });

  it("turns a GST rate in per cent into basis points exactly, and back", () => {
    expect(parseGstPercent("5")).toEqual({ value: 500 });
    expect(parseGstPercent("18")).toEqual({ value: 1800 });
    expect(parseGstPercent("12.5")).toEqual({ value: 1250 });
    expect(parseGstPercent("18.25 %")).toEqual({ value: 1825 });
    // 0.29 as a float times 100 is 28.999…: the digits are used, never a float.
    expect(parseGstPercent("0.29")).toEqual({ value: 29 });
    expect(parseGstPercent("0")).toEqual({ value: 0 });
    expect(parseGstPercent("28")).toEqual({ value: 2800 });
    expect(parseGstPercent("28.01")).toEqual({ error: "The GST rate must be between 0 % and 28 %." });
    for (const bad of ["", "-5", "5.125", "five", "1e1", "100"]) expect(parseGstPercent(bad), bad).toHaveProperty("error");
    expect([500, 1800, 1250, 1825, 0, 29].map(gstPercentText)).toEqual(["5", "18", "12.5", "18.25", "0", "0.29"]);
  });

  it("checks a GSTIN's length and characters, leaving its check character to the backend", () => {
    expect(parseGstin(" 29aagcg1234k1zj ")).toEqual({ value: "29AAGCG1234K1ZJ" });
    expect(parseGstin("")).toEqual({ value: "" });
    expect(parseGstin("29AAGCG1234K1Z")).toEqual({ error: "A GSTIN has 15 letters and digits, such as 27AAPFU0939F1ZV (this has 14 characters)." });
    expect(parseGstin("29AAGCG1234K1Z<")).toHaveProperty("error");
  });

  it("names an allowance the way a distributor does", () => {
    expect([1, 2, 4].map(allowanceText)).toEqual(["single-bottle (1)", "double-bottle (2)", "4 at once"]);
  });
});

describe("consumer numbers and refill dates", () => {
  it("upper-cases a consumer number and refuses what the backend would", () => {
    expect(parseConsumerNo(" gd-00012/a ")).toEqual({ value: "GD-00012/A" });
    expect(parseConsumerNo("")).toEqual({ value: "" });
    expect(parseConsumerNo("7100452391")).toEqual({ value: "7100452391" });
    for (const bad of ["71004 52391", "<b>1</b>", "123456789012345678901"]) expect(parseConsumerNo(bad), bad).toHaveProperty("error");
  });

  it("shows a refill date as a person reads it, whatever the computer's time zone", () => {
    expect(formatCalendarDay("2026-12-07")).toBe("7 Dec 2026");
    expect(formatCalendarDay("2027-04-01")).toBe("1 Apr 2027");
    expect(formatCalendarDay("soon")).toBe("soon");
  });
});
