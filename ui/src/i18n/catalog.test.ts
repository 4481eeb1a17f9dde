// @vitest-environment happy-dom
// Both catalogs say the same things: the same keys, each with the same placeholders, none
// empty, and the Hindi one really in Hindi.
import { afterEach, describe, expect, it } from "vitest";
import { en } from "./en";
import { hi } from "./hi";
import { catalog, fill, language, LANGUAGE_NAMES, resetLanguage, setLanguage, t } from "./index";

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "").sort();
}

/** The keys whose placeholders differ between two catalogs. */
function placeholderMismatches(a: Record<string, string>, b: Record<string, string>): string[] {
  return Object.keys(a).filter((key) => placeholders(a[key] ?? "").join() !== placeholders(b[key] ?? "").join());
}

afterEach(() => resetLanguage());

describe("the catalogs", () => {
  it("have exactly the same keys", () => {
    expect(Object.keys(hi).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en))("%s has the same placeholders in both", (key) => {
    const k = key as keyof typeof en;
    expect(placeholders(hi[k])).toEqual(placeholders(en[k]));
  });

  it("have no empty line", () => {
    for (const lang of ["en", "hi"] as const) {
      for (const [key, text] of Object.entries(catalog(lang))) expect(text.trim(), `${lang} ${key}`).not.toBe("");
    }
  });

  it("the Hindi lines are in Devanagari, apart from the few that are codes or names", () => {
    const sameInBoth = new Set(["lang.switchLabel", "invoice.gstin", "invoice.hsn", "invoice.cgst", "invoice.sgst", "invoice.cgstAt", "invoice.sgstAt"]);
    const notHindi = Object.entries(hi).filter(([key, text]) => !sameInBoth.has(key) && !/[\u0900-\u097F]/.test(text));
    expect(notHindi).toEqual([]);
  });

  it("the placeholder check finds a Hindi line that lost its placeholder", () => {
    expect(placeholderMismatches(en, hi)).toEqual([]);
    const broken = { ...hi, "home.book": hi["home.book"].replace("{type}", "सिलेंडर") };
    expect(placeholderMismatches(en, broken)).toEqual(["home.book"]);
  });
});

describe("t", () => {
  it("looks up the current language and fills the placeholders", () => {
    expect(language()).toBe("en");
    expect(t("home.book", { type: "14.2 kg domestic" })).toBe("Book 14.2 kg domestic refill");
    setLanguage("hi");
    expect(t("home.book", { type: "14.2 kg domestic" })).toBe("14.2 kg domestic रिफिल बुक करें");
    expect(document.documentElement.lang).toBe("hi");
    resetLanguage();
    expect(document.documentElement.lang).toBe("en");
  });

  it("writes numbers the Indian way with Latin digits in both languages", () => {
    expect(fill("{n} open", { n: 100000 })).toBe("1,00,000 open");
    setLanguage("hi");
    expect(fill("{n} खुली", { n: 100000 })).toBe("1,00,000 खुली");
  });

  it("leaves a placeholder without a value in sight", () => {
    expect(fill("Pay {amount}", {})).toBe("Pay {amount}");
  });

  it("names each language in its own script", () => {
    expect(LANGUAGE_NAMES.en).toMatch(/^[A-Za-z]+$/);
    expect(LANGUAGE_NAMES.hi).toMatch(/^[\u0900-\u097F]+$/);
  });
});
