// Form checks run before a command is sent, so a person (customer or clerk) gets an answer at
// once. They mirror the backend's rules (src-tauri/core/src/domain/validate.rs), which stay the
// authority: the backend checks everything again and its message is shown beside the same
// field. Each `check…` gives a plain message, or null when the text is fine. Typed amounts,
// numbers and cylinder IDs are turned into values in parse.ts.

/** Field name → plain message. Empty when the form is fine. */
export type FieldErrors = Record<string, string>;

/** Length in characters as the backend counts them (Unicode scalar values, not UTF-16 units). */
export function charCount(text: string): number {
  return Array.from(text).length;
}

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const NAME_MAX = 100;
export const DESCRIPTION_MAX = 1000;

/** A message when a new username breaks the rules, else null. */
export function checkUsername(raw: string): string | null {
  const name = raw.trim();
  const len = charCount(name);
  if (len === 0) return "Please enter a username.";
  if (len < USERNAME_MIN || len > USERNAME_MAX) return `A username has ${USERNAME_MIN} to ${USERNAME_MAX} characters.`;
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return "Use only letters, digits, dot, dash or underscore in a username.";
  return null;
}

/** A message when a new password is too short or too long, else null. */
export function checkNewPassword(raw: string): string | null {
  const len = charCount(raw);
  if (len === 0) return "Please choose a password.";
  if (len < PASSWORD_MIN) return `A password needs at least ${PASSWORD_MIN} characters.`;
  if (len > PASSWORD_MAX) return `A password can have at most ${PASSWORD_MAX} characters.`;
  return null;
}

/** A message when the confirmation does not repeat the password, else null. */
export function checkConfirmation(password: string, confirmation: string): string | null {
  if (confirmation === "") return "Please type the password again.";
  return password === confirmation ? null : "The two passwords are not the same.";
}

/** A message when a required one-line text is empty or too long, else null. */
export function checkRequiredLine(raw: string, what: string, max: number): string | null {
  const len = charCount(raw.trim());
  if (len === 0) return `Please enter the ${what}.`;
  if (len > max) return `The ${what} can have at most ${max} characters (it has ${len}).`;
  return null;
}

/** A message when an optional one-line text is too long, else null. */
export function checkOptionalLine(raw: string, what: string, max: number): string | null {
  const len = charCount(raw.trim());
  return len > max ? `The ${what} can have at most ${max} characters (it has ${len}).` : null;
}

/** An e-mail address is optional; when given it looks like name@example.com. */
export function checkEmail(raw: string): string | null {
  const t = raw.trim();
  if (t === "") return null;
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) && !t.includes("@.") && !t.endsWith(".")
    ? null
    : "Enter an e-mail address like name@example.com, or leave it empty.";
}

/** A phone number is optional; when given it is digits (at least 6), spaces, + and -. */
export function checkPhone(raw: string): string | null {
  const t = raw.trim();
  if (t === "") return null;
  const digits = t.replace(/\D/g, "").length;
  return charCount(t) <= 20 && digits >= 6 && /^[0-9+ -]+$/.test(t)
    ? null
    : "Enter a phone number of digits (with + or - if needed), or leave it empty.";
}

/** Log-in forms only check that both boxes are filled; the backend judges the rest. */
export function validateLogin(username: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (username.trim() === "") errors["username"] = "Please enter your username.";
  if (password === "") errors["password"] = "Please enter your password.";
  return errors;
}

/** The first-run form: the first staff account. */
export function validateSetup(input: { username: string; fullName: string; password: string; confirm: string }): FieldErrors {
  const errors: FieldErrors = {};
  const username = checkUsername(input.username);
  if (username !== null) errors["username"] = username;
  const name = checkRequiredLine(input.fullName, "full name", NAME_MAX);
  if (name !== null) errors["full_name"] = name;
  const password = checkNewPassword(input.password);
  if (password !== null) errors["password"] = password;
  else {
    const confirm = checkConfirmation(input.password, input.confirm);
    if (confirm !== null) errors["confirm"] = confirm;
  }
  return errors;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}
