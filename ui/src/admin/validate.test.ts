import { describe, expect, it } from "vitest";
import * as check from "./validate";

describe("admin form checks", () => {
  it("turns typed rupees into the decimal string the backend takes", () => {
    expect(check.rupees("1000")).toEqual({ value: "1000.00" });
    expect(check.rupees("₹1,000.5")).toEqual({ value: "1000.50" });
    expect(check.rupees(" 0012.25 ")).toEqual({ value: "12.25" });
    expect(check.rupees("1.005")).toEqual({ error: "Use at most two decimal places (paise)." });
    // The backend refuses more than ₹1 crore and any exponent; say so here, beside the box.
    expect(check.rupees("10000000.01")).toEqual({ error: "That amount is too large." });
    expect(check.rupees("79000000000000000000000000000")).toEqual({ error: "That amount is too large." });
    expect(check.rupees("7.9e28")).toEqual({ error: "Enter an amount in rupees, like 1000.00." });
    expect(check.rupees("10000000")).toEqual({ value: "10000000.00" });
    expect(check.rupees("-5")).toEqual({ error: "The amount cannot be negative." });
    expect(check.rupees("1e3")).toHaveProperty("error");
    expect(check.rupees("")).toHaveProperty("error");
  });

  it("bounds whole numbers and names the field in the message", () => {
    expect(check.wholeNumber("90", 15, 3600, "kiosk idle timeout")).toEqual({ value: 90 });
    expect(check.wholeNumber("5", 15, 3600, "kiosk idle timeout")).toEqual({ error: "The kiosk idle timeout must be between 15 and 3600." });
    expect(check.wholeNumber("1.5", 0, 10, "count")).toEqual({ error: "Enter the count as a whole number." });
    expect(check.wholeNumber("", 0, 10, "count")).toHaveProperty("error");
  });

  it("reads serial numbers one a line, upper-cased, naming the bad line", () => {
    expect(check.serials("abc-1\n\n  XYZ/22  \n", 500)).toEqual({ value: ["ABC-1", "XYZ/22"] });
    expect(check.serials("OK1\nbad serial", 500)).toEqual({ error: "Line 2 (bad serial): a cylinder ID has 1 to 32 letters, digits, '-' or '/'." });
    expect(check.serials("A1\na1", 500)).toEqual({ error: "Line 2: A1 is listed twice." });
    expect(check.serials("  \n ", 500)).toEqual({ error: "Enter at least one serial number, one a line." });
    expect(check.serials("A1\nA2\nA3", 2)).toHaveProperty("error");
  });

  it("checks a cylinder ID as the backend stores it", () => {
    expect(check.cylinderCode(" abc123 ")).toEqual({ value: "ABC123" });
    expect(check.cylinderCode("")).toHaveProperty("error");
    expect(check.cylinderCode("<img>")).toHaveProperty("error");
  });

  it("checks usernames, passwords, e-mail and phone like the backend", () => {
    expect(check.username("customer_1")).toBeNull();
    expect(check.username("ab")).toBe("A username has 3 to 32 characters.");
    expect(check.username("a b c")).toBe("Use only letters, digits, dot, dash or underscore in a username.");
    expect(check.password("short")).toBe("A password needs at least 8 characters.");
    expect(check.password("long enough")).toBeNull();
    expect(check.passwordsMatch("secret123", "secret124")).toBe("The two passwords are not the same.");
    expect(check.email("")).toBeNull();
    expect(check.email("asha@example.com")).toBeNull();
    expect(check.email("asha@example")).not.toBeNull();
    expect(check.phone("")).toBeNull();
    expect(check.phone("+91 98400-12345")).toBeNull();
    expect(check.phone("12ab")).not.toBeNull();
  });

  it("counts characters, not UTF-16 units, for length limits", () => {
    expect(check.required("😀".repeat(300), "reason", 300)).toBeNull();
    expect(check.required("😀".repeat(301), "reason", 300)).toBe("The reason can have at most 300 characters (it has 301).");
    expect(check.required("   ", "reason", 300)).toBe("Please enter the reason.");
  });
});
