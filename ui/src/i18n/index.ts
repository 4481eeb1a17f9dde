// The kiosk's languages: the current one, `t()` to look a line up in its catalog, and the
// locale the platform's `Intl` formats dates and numbers with. Both catalogs are bundled (no
// network). The language is per visit: the welcome screen's switch sets it, and every log-out
// (button or idle countdown) sets the kiosk's default again: English, or the kiosk's
// `--language` as `AppInfo.language` says it (docs/decisions/0018).
import { en, type Catalog, type MessageKey } from "./en";
import { hi } from "./hi";

export type { MessageKey } from "./en";

export type Language = "en" | "hi";

export const LANGUAGES: readonly Language[] = ["en", "hi"];

/** Each language's name in itself, for the switch (readable without knowing the other). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", hi: "हिन्दी" };

const CATALOGS: Record<Language, Catalog> = { en, hi };

/** The locale `Intl` formats with: Indian English and Hindi. */
const LOCALES: Record<Language, string> = { en: "en-IN", hi: "hi-IN" };

/** The language a visit starts in until the backend says the kiosk's own (`--language`). */
export const DEFAULT_LANGUAGE: Language = "en";

/** The language of the staff area, whatever the kiosk's default (decision 0018). */
export const STAFF_LANGUAGE: Language = "en";

let current: Language = DEFAULT_LANGUAGE;
/** This kiosk's default: where every log-out returns (`AppInfo.language`, from `--language`). */
let kioskDefault: Language = DEFAULT_LANGUAGE;
const listeners = new Set<(lang: Language) => void>();

export function language(): Language {
  return current;
}

/** `en-IN` or `hi-IN`, for `Intl`. */
export function locale(): string {
  return LOCALES[current];
}

/** Switches the language; `<html lang>` follows (screen readers and fonts go by it). */
export function setLanguage(lang: Language): void {
  current = lang;
  if (typeof document !== "undefined") document.documentElement.lang = lang;
  for (const listener of listeners) listener(lang);
}

/** Back to the kiosk's default language (at every log-out). */
export function resetLanguage(): void {
  setLanguage(kioskDefault);
}

/** The kiosk's default language, as the backend last said it. */
export function defaultLanguage(): Language {
  return kioskDefault;
}

/** Sets the kiosk's default (from `AppInfo.language`); the current visit's language is left alone. */
export function setDefaultLanguage(lang: Language): void {
  kioskDefault = lang;
}

/** Calls `listener` after every change; returns the way to stop. */
export function onLanguageChange(listener: (lang: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Params = Record<string, string | number>;

/** The line `key` in the current language, with each `{name}` replaced by `params[name]`. */
export function t(key: MessageKey, params: Params = {}): string {
  return fill(CATALOGS[current][key], params);
}

/** Fills `{name}` placeholders; one without a value stays visible (a bug to see, not hide). */
export function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? formatCount(value) : value;
  });
}

/** The catalog of `lang` (tests). */
export function catalog(lang: Language): Catalog {
  return CATALOGS[lang];
}

/** A count with Indian grouping and Latin digits in either language: `1,00,000`. */
export function formatCount(n: number): string {
  return new Intl.NumberFormat(locale(), { numberingSystem: "latn", maximumFractionDigits: 0 }).format(n);
}
