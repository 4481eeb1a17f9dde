import { describe, expect, it } from "vitest";
import { formatDay, formatRupees, plural } from "./format";

describe("formatRupees", () => {
  it.each([
    ["1000.00", "₹1,000.00"],
    ["100000", "₹1,00,000.00"],
    ["12345678.5", "₹1,23,45,678.50"],
    ["-1000.00", "-₹1,000.00"],
    ["0", "₹0.00"],
    ["0.5", "₹0.50"],
    ["5", "₹5.00"],
    ["999", "₹999.00"],
    ["1000", "₹1,000.00"],
    ["99999.99", "₹99,999.99"],
    ["10000000", "₹1,00,00,000.00"],
    ["+250", "₹250.00"],
    ["007.10", "₹7.10"],
  ])("formats %s as %s", (input, expected) => {
    expect(formatRupees(input)).toBe(expected);
  });

  it("keeps every digit of amounts too large for a float", () => {
    expect(formatRupees("12345678901234567890.12")).toBe("₹1,23,45,67,89,01,23,45,67,890.12");
    expect(formatRupees("9007199254740993.01")).toBe("₹9,00,71,99,25,47,40,993.01");
  });

  it("rounds extra decimal places half away from zero, exactly", () => {
    expect(formatRupees("1.005")).toBe("₹1.01");
    expect(formatRupees("1.004999")).toBe("₹1.00");
    expect(formatRupees("0.125")).toBe("₹0.13");
    expect(formatRupees("999.995")).toBe("₹1,000.00");
    expect(formatRupees("99999.999")).toBe("₹1,00,000.00");
    expect(formatRupees("-1.005")).toBe("-₹1.01");
  });

  it("never shows a negative zero", () => {
    expect(formatRupees("-0")).toBe("₹0.00");
    expect(formatRupees("-0.00")).toBe("₹0.00");
    expect(formatRupees("-0.004")).toBe("₹0.00");
    expect(formatRupees("-0.005")).toBe("-₹0.01");
  });

  it.each(["", " 1", "1 ", "abc", "1,000", "1e3", "1.", ".5", "--1", "NaN", "Infinity", "₹10", "0x10", "１２"])(
    "rejects %j",
    (input) => {
      expect(() => formatRupees(input)).toThrow(RangeError);
    },
  );
});

describe("plural", () => {
  it("says 1 cylinder, 2 cylinders", () => {
    expect(plural(1, "cylinder")).toBe("1 cylinder");
    expect(plural(1200, "cylinder")).toBe("1,200 cylinders");
  });
});

describe("formatDay", () => {
  it("labels the dashboard's UTC days without shifting them into another day", () => {
    expect(formatDay("2025-11-28")).toBe("28 Nov");
    expect(formatDay("2025-01-01")).toBe("1 Jan");
    expect(formatDay("garbage")).toBe("garbage");
  });
});
