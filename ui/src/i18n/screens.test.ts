// The screen code keeps no English UI text of its own: every line a customer can meet comes from
// the catalogs (so a Hindi reader never meets an English label left behind). Every file under
// app/, screens/ and lib/ is scanned, except tests and the staff-only files named below.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { findUiLiterals } from "./literal-scan";

const SRC = join(__dirname, "..");

/** Files only staff see (the admin area runs in English, decision 0018), each with why. */
const STAFF_ONLY: Record<string, string> = {
  "app/staff-dialog.ts": "the Staff button's unlock dialog: staff type their password in English",
  "screens/setup.ts": "first-time setup on the office PC: the first staff account (a kiosk shows kiosk-not-set-up.ts instead)",
  "lib/validate.ts": "the messages of staff forms (staff log-in, setup, admin); customer forms check with catalog lines",
  "lib/parse.ts": "amounts and cylinder IDs typed in the admin area",
  "lib/trade.ts": "the admin area's checks of test-due stamps, GST rates, GSTINs and consumer numbers",
};

/** Every .ts file under `dir` (relative to ui/src, with `/`). */
function filesUnder(dir: string): string[] {
  return readdirSync(join(SRC, dir)).flatMap((name) => {
    const path = join(SRC, dir, name);
    if (statSync(path).isDirectory()) return filesUnder(join(dir, name));
    return name.endsWith(".ts") ? [relative(SRC, path).split("\\").join("/")] : [];
  });
}

const isTest = (file: string): boolean => file.endsWith(".test.ts");

/** What the scan reads: app/, screens/, lib/ without tests and the staff-only files. */
function scannedFiles(): string[] {
  return ["app", "screens", "lib"].flatMap(filesUnder).filter((file) => !isTest(file) && !(file in STAFF_ONLY));
}

/** Files outside admin/ that put text on a screen (by the calls that do). */
function renderingFiles(): string[] {
  return filesUnder(".")
    .filter((file) => !isTest(file) && !/^(?:admin|gen|testing|i18n)\//.test(file))
    .filter((file) => /\b(?:h|button|loadingLine|textInput)\(|\.textContent\s*=/.test(readFileSync(join(SRC, file), "utf8")));
}

describe("screen code carries no literal English", () => {
  it.each(scannedFiles())("%s", (file) => {
    const findings = findUiLiterals(readFileSync(join(SRC, file), "utf8"));
    expect(findings.map((f) => `${file}:${f.line} ${f.text}`)).toEqual([]);
  });

  it("every file outside admin/ that renders text is scanned or named staff-only", () => {
    const covered = new Set([...scannedFiles(), ...Object.keys(STAFF_ONLY)]);
    expect(renderingFiles().filter((file) => !covered.has(file))).toEqual([]);
  });

  it("every staff-only file exists under app/, screens/ or lib/ (a stale name would hide nothing)", () => {
    const all = new Set(["app", "screens", "lib"].flatMap(filesUnder));
    expect(Object.keys(STAFF_ONLY).filter((file) => !all.has(file))).toEqual([]);
  });

  it("catches a label put back in English in a real screen", () => {
    const home = readFileSync(join(SRC, "screens", "customer", "home.ts"), "utf8");
    expect(findUiLiterals(home)).toEqual([]);
    const regressed = home.replace('t("home.title")', '"Home"');
    expect(regressed).not.toBe(home);
    expect(findUiLiterals(regressed).map((f) => f.text)).toEqual(['"Home"']);
  });
});

describe("the literal scan", () => {
  it.each([
    [`const b = button("Cancel", () => go(), { testid: "x" });`],
    [`el.append(h("p", { class: "muted" }, "Nothing was charged."));`],
    [`heading.textContent = \`Good morning, \${name}\`;`],
    [`input.placeholder = "Your name";`],
    [`el.setAttribute("title", "Print the receipt");`],
    [`h("nav", { attrs: { "aria-label": "Pages" } });`],
    [`const label = ok ? t("receipt.done") : "Back to my bookings";`],
    [`field("Username", textInput(), { testid: "login-username" });`],
    // A template literal over several lines is one literal.
    [`const note = \`Your booking\n  is paid.\`;`],
    // One short word as a child of h() or the label of button() is text too.
    [`h("span", { class: "badge" }, "OK");`],
    [`h("p", {}, t("a.b"), "or");`],
    [`button("OK", close, { testid: "ok" });`],
    [`h(\n  "p",\n  { class: "x" },\n  "Done",\n);`],
    // Generic method names are no longer taken for DOM names.
    [`if (words.includes("Log in now")) go();`],
    [`cache.set("greeting", "Welcome back");`],
    // The word in a string does not opt a line out; only a comment does.
    [`const s = "i18n-ignore"; h("p", {}, "Paid");`],
  ])("flags %s", (line) => {
    expect(findUiLiterals(line)).toHaveLength(1);
  });

  it("says on which line a multi-line literal starts", () => {
    expect(findUiLiterals(`const a = 1;\nconst note = \`Your booking\n  is paid.\`;`)).toEqual([{ line: 2, text: "`Your booking\n  is paid.`" }]);
  });

  it.each([
    [`import { t } from "../../i18n";`],
    [`h("p", { class: "message message--error load-error", attrs: { role: "alert", "data-testid": "load-error" } }, t("common.loading"));`],
    [`if (code === "OutOfStock" || select.value === "Gas Leak") return;`],
    [`const keys = { "Gas Leak": "issue.gasLeak", Other: "issue.other" };`],
    [`button(t("common.cancel"), go, { variant: "ghost", size: "lg", testid: \`complaint-cancel-\${id}\` });`],
    [`// A comment says "Log in" in words.`],
    [`const ISSUE_TYPES = ["Gas Leak", "Other"]; // i18n-ignore: the values sent to the backend`],
    [`// i18n-ignore: the product's name\nh("span", {}, "GasDesk");`],
    [`listHead(b.reference, \` · \${b.booking_reference}\`, status);`],
    [`el.querySelector("Form Field");`],
    [`el.classList.toggle("Is Open", true);`],
    [`h("span", { attrs: { "aria-hidden": "true" } }, "⚠");`],
    [`/* h("p", {}, "Paid") in a block comment */`],
    [`h("p", {}, doc.copy === "Original" ? t("invoice.original") : t("invoice.duplicate"));`],
    [`throw new Error("GasDesk: settings used before start");`],
    [`console.error("GasDesk: a screen failed to clean up", error);`],
  ])("lets pass %s", (line) => {
    expect(findUiLiterals(line)).toEqual([]);
  });
});
