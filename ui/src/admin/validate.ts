// Quick checks on what a clerk typed, before anything is sent. They only give faster,
// clearer feedback beside the field: the backend checks everything again and has the last
// word (its `field` errors are shown in the same place). Tested in validate.test.ts.

/** A field's problem, or null when it is fine. */
export type Check = string | null;

/** Characters as a person counts them (not UTF-16 units). */
function length(text: string): number {
  return [...text].length;
}

export function required(text: string, what: string, max: number): Check {
  const t = text.trim();
  if (t === "") return `Please enter the ${what}.`;
  if (length(t) > max) return `The ${what} can have at most ${max} characters (it has ${length(t)}).`;
  return null;
}

export function optional(text: string, what: string, max: number): Check {
  const t = text.trim();
  return length(t) > max ? `The ${what} can have at most ${max} characters (it has ${length(t)}).` : null;
}

export function username(text: string): Check {
  const t = text.trim();
  if (length(t) < 3 || length(t) > 32) return "A username has 3 to 32 characters.";
  if (!/^[A-Za-z0-9._-]+$/.test(t)) return "Use only letters, digits, dot, dash or underscore in a username.";
  return null;
}

export function password(text: string): Check {
  if (length(text) < 8) return "A password needs at least 8 characters.";
  if (length(text) > 128) return "A password can have at most 128 characters.";
  return null;
}

export function passwordsMatch(password: string, again: string): Check {
  return password === again ? null : "The two passwords are not the same.";
}

export function email(text: string): Check {
  const t = text.trim();
  if (t === "") return null;
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) && !t.includes("@.") && !t.endsWith(".")
    ? null
    : "Enter an e-mail address like name@example.com, or leave it empty.";
}

export function phone(text: string): Check {
  const t = text.trim();
  if (t === "") return null;
  const digits = t.replace(/\D/g, "").length;
  return length(t) <= 20 && digits >= 6 && /^[0-9+ -]+$/.test(t)
    ? null
    : "Enter a phone number of digits (with + or - if needed), or leave it empty.";
}

/** Rupees as typed (`1000`, `1,000.50`, `₹1000`) → a decimal string for the backend. */
export function rupees(text: string): { value: string } | { error: string } {
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
export function wholeNumber(text: string, min: number, max: number, what: string): { value: number } | { error: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { error: `Enter the ${what} as a whole number.` };
  const value = Number(t);
  if (value < min || value > max) return { error: `The ${what} must be between ${min} and ${max}.` };
  return { value };
}

const CYLINDER_CODE = /^[A-Z0-9/-]{1,32}$/;

/** A cylinder ID as staff type it: trimmed and upper-cased, as the backend stores it. */
export function cylinderCode(text: string): { value: string } | { error: string } {
  const code = text.trim().toUpperCase();
  if (code === "") return { error: "Enter the cylinder ID, or pick one from the list." };
  return CYLINDER_CODE.test(code) ? { value: code } : { error: "A cylinder ID has 1 to 32 letters, digits, '-' or '/'." };
}

/**
 * Serial numbers, one a line: blanks skipped, upper-cased; a bad or repeated one is named
 * with its line number.
 */
export function serials(text: string, max: number): { value: string[] } | { error: string } {
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
