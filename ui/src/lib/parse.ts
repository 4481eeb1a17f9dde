// What staff type, turned into the values the backend takes: rupees as a decimal string,
// whole numbers within bounds, cylinder IDs as stored. Each gives `{ value }` or `{ error }`
// (a plain message for beside the field); the backend checks everything again.

export type Parsed<T> = { value: T } | { error: string };

/** Rupees as typed (`1000`, `1,000.50`, `₹1000`) → a decimal string for the backend. */
export function parseRupees(text: string): Parsed<string> {
  const cleaned = text.trim().replace(/^₹/, "").replace(/,/g, "").trim();
  if (cleaned.startsWith("-")) return { error: "The amount cannot be negative." };
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (match === null) return { error: "Enter an amount in rupees, like 1000.00." };
  const [, whole = "0", fraction = ""] = match;
  if (fraction.length > 2) return { error: "Use at most two decimal places (paise)." };
  const rupeesPart = whole.replace(/^0+(?=\d)/, "");
  const paise = fraction.padEnd(2, "0");
  // ₹1 crore is the most the backend takes: compare as text, a number would lose digits.
  const tooLarge = rupeesPart.length > 8 || (rupeesPart.length === 8 && `${rupeesPart}${paise}` > "1000000000");
  if (tooLarge) return { error: "That amount is too large." };
  return { value: `${rupeesPart}.${paise}` };
}

/** A whole number within bounds. */
export function parseWholeNumber(text: string, min: number, max: number, what: string): Parsed<number> {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { error: `Enter the ${what} as a whole number.` };
  const value = Number(t);
  if (value < min || value > max) return { error: `The ${what} must be between ${min} and ${max}.` };
  return { value };
}

const CYLINDER_CODE = /^[A-Z0-9/-]{1,32}$/;

/** A cylinder ID as staff type it: trimmed and upper-cased, as the backend stores it. */
export function parseCylinderCode(text: string): Parsed<string> {
  const code = text.trim().toUpperCase();
  if (code === "") return { error: "Enter the cylinder ID, or pick one from the list." };
  return CYLINDER_CODE.test(code) ? { value: code } : { error: "A cylinder ID has 1 to 32 letters, digits, '-' or '/'." };
}

/**
 * Serial numbers, one a line: blanks skipped, upper-cased; a bad or repeated one is named
 * with its line number.
 */
export function parseSerials(text: string, max: number): Parsed<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const code = raw.trim().toUpperCase();
    if (code === "") continue;
    if (!CYLINDER_CODE.test(code)) {
      return { error: `Line ${index + 1} (${raw.trim()}): a cylinder ID has 1 to 32 letters, digits, '-' or '/'.` };
    }
    if (seen.has(code)) return { error: `Line ${index + 1}: ${code} is listed twice.` };
    seen.add(code);
    out.push(code);
  }
  if (out.length === 0) return { error: "Enter at least one serial number, one a line." };
  if (out.length > max) return { error: `Register at most ${max} cylinders at a time (there are ${out.length}).` };
  return { value: out };
}
