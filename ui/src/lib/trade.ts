// What staff type and read about the trade: test-due stamps (`C-27`), GST rates in per cent
// (sent as basis points), GSTINs, a connection's allowance in words. Each parser gives
// `{ value }` or `{ error }` in plain words; the backend checks everything again.
import type { Parsed } from "./parse";

const STAMP = /^([A-D])(\d{2})$/;

/**
 * The test-due stamp on a cylinder's collar: a quarter letter A–D and a two-digit year. The
 * backend's rule (model/tax.rs `parse_test_due`): `c27`, `C 27` and `C/27` are read as `C-27`.
 */
export function parseTestDueStamp(text: string): Parsed<string> {
  const cleaned = text.trim().toUpperCase().replace(/[-\s/]/g, "");
  if (cleaned === "") return { error: "Enter the test-due stamp from the collar, such as C-27." };
  const match = STAMP.exec(cleaned);
  if (match === null) return { error: "A test-due stamp is a quarter letter A to D and a two-digit year, such as C-27." };
  return { value: `${match[1] ?? ""}-${match[2] ?? ""}` };
}

/** The most GST any rate can be (the backend's bound). */
const GST_MAX_BP = 2800;

/** A GST rate typed in per cent (`5`, `18`, `12.5`, `5 %`) → basis points (500, 1800, 1250). */
export function parseGstPercent(text: string): Parsed<number> {
  const cleaned = text.trim().replace(/\s*%$/, "");
  const match = /^(\d{1,2})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (match === null) return { error: "Enter the GST rate in per cent, like 5 or 18 (at most two decimal places)." };
  // On the digits, not through a float: 12.5 % must be exactly 1250.
  const bp = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  if (bp > GST_MAX_BP) return { error: "The GST rate must be between 0 % and 28 %." };
  return { value: bp };
}

/** Basis points as the per cent staff typed: 500 → `5`, 1250 → `12.5`, 1825 → `18.25`. */
export function gstPercentText(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const fraction = String(bp % 100).padStart(2, "0").replace(/0+$/, "");
  return fraction === "" ? String(whole) : `${whole}.${fraction}`;
}

/**
 * A GSTIN is 15 letters and digits (upper-cased here), or empty until staff have it. Its check
 * character is the backend's to judge (domain/gstin.rs), which says so beside the box.
 */
export function parseGstin(text: string): Parsed<string> {
  const gstin = text.trim().toUpperCase();
  if (gstin === "") return { value: "" };
  if (!/^[0-9A-Z]{15}$/.test(gstin)) {
    return { error: `A GSTIN has 15 letters and digits, such as 27AAPFU0939F1ZV (this has ${[...gstin].length} characters).` };
  }
  return { value: gstin };
}

/** A connection's allowance in words: `single-bottle (1)`, `double-bottle (2)`, `3 at once`. */
export function allowanceText(allowance: number): string {
  if (allowance === 1) return "single-bottle (1)";
  if (allowance === 2) return "double-bottle (2)";
  return `${allowance} at once`;
}

/**
 * A consumer number as on the customer's passbook: up to 20 letters, digits, `-` and `/`,
 * upper-cased (the backend's rule, domain/customers.rs); empty lets GasDesk make one.
 */
export function parseConsumerNo(text: string): Parsed<string> {
  const no = text.trim().toUpperCase();
  return no.length <= 20 && /^[A-Z0-9/-]*$/.test(no)
    ? { value: no }
    : { error: "A consumer number is up to 20 letters and digits (- and / allowed), as printed on the customer's passbook." };
}

const CALENDAR_DAY = new Intl.DateTimeFormat("en-IN", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** A calendar day `YYYY-MM-DD` (India's, as the backend sends refill dates) as `7 Dec 2026`. */
export function formatCalendarDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return day;
  return CALENDAR_DAY.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}
