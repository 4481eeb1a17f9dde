// Dates in the chosen language, by the platform's `Intl` (Hindi month names come from there,
// never from a hand-written list), with Latin digits as Indian forms print them.
import { locale } from "./index";

/** The `Intl` options every date shares: Latin digits in both languages. */
export const LATIN_DIGITS = { numberingSystem: "latn" } as const;

/** A calendar day `YYYY-MM-DD` (an Indian date, as the backend sends it) as `7 Dec 2026` / `7 दिस॰ 2026`. */
export function longDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return day;
  const [, y = "", m = "", d = ""] = match;
  const format = new Intl.DateTimeFormat(locale(), { ...LATIN_DIGITS, day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  return format.format(new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))));
}
