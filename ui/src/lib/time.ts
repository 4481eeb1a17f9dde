// Times cross the IPC boundary as ISO-8601 UTC text (`2025-03-12T05:00:00.123456Z`, with up to
// microseconds). They are parsed here by hand, not by `Date.parse`, whose handling of more than
// three fraction digits differs between JavaScript engines, and shown in the local time zone.

import { language, locale } from "../i18n";

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Parses an ISO-8601 timestamp with a zone (`Z` or `±HH:MM`); `null` when it is not one. */
export function parseIsoTime(text: string): Date | null {
  const m = ISO.exec(text.trim());
  if (m === null) return null;
  const [, y, mo, d, hh, mm, ss = "0", frac = "", zone = "Z"] = m;
  const ms = Number(frac.padEnd(3, "0").slice(0, 3));
  let epoch = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(hh), Number(mm), Number(ss), ms);
  if (zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    epoch -= sign * offsetMinutes * 60_000;
  }
  const date = new Date(epoch);
  // Reject impossible dates (2025-02-30) rather than rolling them over.
  if (Number.isNaN(date.getTime()) || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
  return date;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** In the chosen language's locale (en-IN / hi-IN, month names from the platform), Latin digits. */
function formatter(kind: "datetime" | "date", timeZone: string | undefined): Intl.DateTimeFormat {
  const lang = locale();
  const key = `${lang}|${kind}|${timeZone ?? ""}`;
  let format = dateTimeFormats.get(key);
  if (format === undefined) {
    const options: Intl.DateTimeFormatOptions = { numberingSystem: "latn", day: "numeric", month: "short", year: "numeric" };
    if (kind === "datetime") {
      options.hour = "numeric";
      options.minute = "2-digit";
      // Hindi readers get the 24-hour clock (19:15): hi-IN's own 12-hour form ends in a Latin "pm".
      if (language() === "hi") options.hourCycle = "h23";
    }
    if (timeZone !== undefined) options.timeZone = timeZone;
    format = new Intl.DateTimeFormat(lang, options);
    dateTimeFormats.set(key, format);
  }
  return format;
}

/**
 * A UTC timestamp as local date and time, the Indian way: `12 Mar 2025, 10:30 am`; "—" when
 * there is none (null, empty). Other text that is not a timestamp is returned unchanged
 * (never a crash, never "Invalid Date"). `timeZone` is for tests; the app uses the
 * computer's own zone.
 */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (iso === null || iso === undefined || iso === "") return "—";
  const date = parseIsoTime(iso);
  return date === null ? iso : formatter("datetime", timeZone).format(date);
}

/** A UTC timestamp as a local date: `12 Mar 2025`. */
export function formatDate(iso: string, timeZone?: string): string {
  const date = parseIsoTime(iso);
  return date === null ? iso : formatter("date", timeZone).format(date);
}
