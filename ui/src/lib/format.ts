// Display formatting: money, counts, calendar days. Times are in time.ts. Money crosses the IPC boundary as a decimal string (rust_decimal), so it
// is formatted on the digits themselves: never through a JavaScript number, which cannot hold
// every amount exactly.

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * Formats a decimal amount of rupees the Indian way, with exactly two decimal places:
 * `"1000.00"` → `₹1,000.00`, `"100000"` → `₹1,00,000.00`, `"-1000"` → `-₹1,000.00`.
 * The last three digits of the whole part form one group, the rest groups of two.
 * More than two decimal places are rounded half away from zero (`"1.005"` → `₹1.01`).
 *
 * @throws RangeError when the text is not a plain decimal number (no exponent, no separators).
 */
export function formatRupees(decimalString: string): string {
  const match = DECIMAL.exec(decimalString);
  if (match === null) {
    throw new RangeError(`not a decimal amount: ${JSON.stringify(decimalString)}`);
  }
  const [, sign = "", wholeDigits = "", fractionDigits = ""] = match;
  const { rupees, paise } = roundToPaise(wholeDigits, fractionDigits);
  const isZero = rupees === "0" && paise === "00";
  const minus = sign === "-" && !isZero ? "-" : "";
  return `${minus}₹${groupIndian(rupees)}.${paise}`;
}

/** Rounds to two decimal places, half away from zero, working on the digit strings. */
function roundToPaise(wholeDigits: string, fractionDigits: string): { rupees: string; paise: string } {
  const kept = fractionDigits.padEnd(2, "0").slice(0, 2);
  const firstDropped = fractionDigits.charAt(2);
  let digits = wholeDigits + kept;
  if (firstDropped >= "5") {
    digits = incrementDigits(digits);
  }
  const rupees = digits.slice(0, -2).replace(/^0+(?=\d)/, "");
  return { rupees: rupees === "" ? "0" : rupees, paise: digits.slice(-2) };
}

/** Adds one to a non-negative integer written as decimal digits: `"0999"` → `"1000"`. */
function incrementDigits(digits: string): string {
  const out = digits.split("");
  for (let i = out.length - 1; i >= 0; i -= 1) {
    if (out[i] !== "9") {
      out[i] = String(Number(out[i]) + 1);
      return out.join("");
    }
    out[i] = "0";
  }
  return `1${out.join("")}`;
}

/** Indian digit grouping of a whole number: `"12345678"` → `"1,23,45,678"`. */
function groupIndian(digits: string): string {
  if (digits.length <= 3) {
    return digits;
  }
  const head = digits.slice(0, -3).replace(/\B(?=(\d{2})+$)/g, ",");
  return `${head},${digits.slice(-3)}`;
}

/** `1 cylinder`, `3 cylinders`, `1,200 cylinders`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-IN")} ${n === 1 ? one : many}`;
}

const DAY = new Intl.DateTimeFormat("en-IN", { day: "numeric", month: "short", timeZone: "UTC" });

/** A calendar day `YYYY-MM-DD` (a UTC day, as the dashboard sends it) as `28 Nov`. */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return day;
  const [, y = "", m = "", d = ""] = match;
  return DAY.format(new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))));
}
