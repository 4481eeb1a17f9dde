import { describe, expect, it } from "vitest";
import { parseCylinderCode, parseRupees, parseSerials, parseWholeNumber } from "./parse";

describe("what staff type, as values", () => {
  it("turns typed rupees into the decimal string the backend takes", () => {
    expect(parseRupees("1000")).toEqual({ value: "1000.00" });
    expect(parseRupees("₹1,000.5")).toEqual({ value: "1000.50" });
    expect(parseRupees(" 0012.25 ")).toEqual({ value: "12.25" });
    expect(parseRupees("1.005")).toEqual({ error: "Use at most two decimal places (paise)." });
    // The backend refuses more than ₹1 crore and any exponent; say so here, beside the box.
    expect(parseRupees("10000000.01")).toEqual({ error: "That amount is too large." });
    expect(parseRupees("79000000000000000000000000000")).toEqual({ error: "That amount is too large." });
    expect(parseRupees("7.9e28")).toEqual({ error: "Enter an amount in rupees, like 1000.00." });
    expect(parseRupees("10000000")).toEqual({ value: "10000000.00" });
    expect(parseRupees("-5")).toEqual({ error: "The amount cannot be negative." });
    expect(parseRupees("1e3")).toHaveProperty("error");
    expect(parseRupees("")).toHaveProperty("error");
  });

  it("bounds whole numbers and names the field in the message", () => {
    expect(parseWholeNumber("90", 15, 3600, "kiosk idle timeout")).toEqual({ value: 90 });
    expect(parseWholeNumber("5", 15, 3600, "kiosk idle timeout")).toEqual({ error: "The kiosk idle timeout must be between 15 and 3600." });
    expect(parseWholeNumber("1.5", 0, 10, "count")).toEqual({ error: "Enter the count as a whole number." });
    expect(parseWholeNumber("", 0, 10, "count")).toHaveProperty("error");
  });

  it("reads serial numbers one a line, upper-cased, naming the bad line", () => {
    expect(parseSerials("abc-1\n\n  XYZ/22  \n", 500)).toEqual({ value: ["ABC-1", "XYZ/22"] });
    expect(parseSerials("OK1\nbad serial", 500)).toEqual({ error: "Line 2 (bad serial): a cylinder ID has 1 to 32 letters, digits, '-' or '/'." });
    expect(parseSerials("A1\na1", 500)).toEqual({ error: "Line 2: A1 is listed twice." });
    expect(parseSerials("  \n ", 500)).toEqual({ error: "Enter at least one serial number, one a line." });
    expect(parseSerials("A1\nA2\nA3", 2)).toHaveProperty("error");
  });

  it("checks a cylinder ID as the backend stores it", () => {
    expect(parseCylinderCode(" abc123 ")).toEqual({ value: "ABC123" });
    expect(parseCylinderCode("")).toHaveProperty("error");
    expect(parseCylinderCode("<img>")).toHaveProperty("error");
  });
});
