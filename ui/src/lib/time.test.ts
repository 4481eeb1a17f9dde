import { describe, expect, it } from "vitest";
import { resetLanguage, setLanguage } from "../i18n";
import { formatDate, formatDateTime, parseIsoTime } from "./time";

describe("parseIsoTime", () => {
  it("reads the backend's microsecond UTC timestamps exactly to the millisecond", () => {
    expect(parseIsoTime("2025-03-12T05:00:00.123456Z")?.toISOString()).toBe("2025-03-12T05:00:00.123Z");
  });

  it("reads timestamps without a fraction or seconds, and with an offset", () => {
    expect(parseIsoTime("2025-03-12T05:00:00Z")?.toISOString()).toBe("2025-03-12T05:00:00.000Z");
    expect(parseIsoTime("2025-03-12T05:00Z")?.toISOString()).toBe("2025-03-12T05:00:00.000Z");
    expect(parseIsoTime("2025-03-12T10:30:00+05:30")?.toISOString()).toBe("2025-03-12T05:00:00.000Z");
    expect(parseIsoTime("2025-03-12T00:00:00-0100")?.toISOString()).toBe("2025-03-12T01:00:00.000Z");
  });

  it.each(["", "yesterday", "2025-03-12", "2025-03-12 05:00:00Z", "2025-13-01T00:00:00Z", "2025-03-12T05:00:00"])("rejects %j", (text) => {
    expect(parseIsoTime(text)).toBeNull();
  });
});

describe("formatDateTime", () => {
  it("in Hindi uses the 24-hour clock, with no Latin am/pm", () => {
    setLanguage("hi");
    try {
      expect(formatDateTime("2025-03-12T13:45:10.5Z", "Asia/Kolkata")).toBe("12 मार्च 2025, 19:15");
      expect(formatDateTime("2025-03-12T00:05:00Z", "Asia/Kolkata")).not.toMatch(/am|pm/i);
    } finally {
      resetLanguage();
    }
  });

  it("shows a UTC time in the given zone, the Indian way", () => {
    expect(formatDateTime("2025-03-12T05:00:00.000000Z", "Asia/Kolkata")).toBe("12 Mar 2025, 10:30 am");
    expect(formatDateTime("2025-03-12T13:45:10.5Z", "Asia/Kolkata")).toBe("12 Mar 2025, 7:15 pm");
  });

  it("moves to the next local day when the zone says so", () => {
    expect(formatDateTime("2025-12-31T20:00:00Z", "Asia/Kolkata")).toBe("1 Jan 2026, 1:30 am");
    expect(formatDateTime("2025-12-31T20:00:00Z", "UTC")).toBe("31 Dec 2025, 8:00 pm");
  });

  it("uses the computer's own zone by default", () => {
    const iso = "2025-06-01T08:09:00Z";
    const expected = new Intl.DateTimeFormat("en-IN", { day: "numeric", month: "short", year: "numeric", hour: "numeric", minute: "2-digit" }).format(
      new Date(iso),
    );
    expect(formatDateTime(iso)).toBe(expected);
  });

  it("returns text that is not a timestamp unchanged", () => {
    expect(formatDateTime("not a time")).toBe("not a time");
    expect(formatDateTime("2025-03-12T05:00:00.123456Z")).toMatch(/2025/);
  });

  it("shows a missing time as a dash", () => {
    expect(formatDateTime(null)).toBe("—");
    expect(formatDateTime(undefined)).toBe("—");
    expect(formatDateTime("")).toBe("—");
  });
});

describe("formatDate", () => {
  it("shows only the local date", () => {
    expect(formatDate("2025-03-12T20:00:00Z", "Asia/Kolkata")).toBe("13 Mar 2025");
    expect(formatDate("2025-03-12T20:00:00Z", "UTC")).toBe("12 Mar 2025");
  });
});
