// Money, counts and dates in both languages: Indian grouping with Latin digits, and month
// names from the platform in the chosen language.
import { afterEach, describe, expect, it } from "vitest";
import { formatRupees } from "../lib/format";
import { formatDate, formatDateTime } from "../lib/time";
import { longDay } from "./dates";
import { formatCount, resetLanguage, setLanguage } from "./index";

const ENGLISH_MONTHS = /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/;

afterEach(() => resetLanguage());

describe.each(["en", "hi"] as const)("in %s", (lang) => {
  it("money keeps the Indian grouping: ₹1,00,000.00", () => {
    setLanguage(lang);
    expect(formatRupees("100000")).toBe("₹1,00,000.00");
    expect(formatRupees("12345678.5")).toBe("₹1,23,45,678.50");
  });

  it("counts keep the Indian grouping and Latin digits", () => {
    setLanguage(lang);
    expect(formatCount(10000000)).toBe("1,00,00,000");
  });
});

describe("dates", () => {
  it("in English name the month in English", () => {
    expect(longDay("2026-12-07")).toBe("7 Dec 2026");
    expect(formatDate("2025-03-12T05:00:00Z", "Asia/Kolkata")).toBe("12 Mar 2025");
  });

  it("in Hindi name the month in Hindi, with no English month name, and Latin digits", () => {
    setLanguage("hi");
    for (const text of [longDay("2026-12-07"), formatDate("2025-03-12T05:00:00Z", "Asia/Kolkata"), formatDateTime("2025-11-12T05:00:00Z", "Asia/Kolkata")]) {
      expect(text).not.toMatch(ENGLISH_MONTHS);
      expect(text).toMatch(/[\u0900-\u097F]/);
      expect(text).toMatch(/\d/);
      expect(text).not.toMatch(/[०-९]/);
    }
    expect(longDay("2026-12-07")).toContain("2026");
  });
});
