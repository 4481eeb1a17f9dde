// The customer-facing files keep no English UI text of their own: every line comes from the
// catalogs (so a Hindi reader never meets an English label left behind).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findUiLiterals } from "./literal-scan";

const SRC = join(__dirname, "..");

/** The screens a customer sees, and the shared pieces that draw customer text. */
function customerFiles(): string[] {
  const customer = readdirSync(join(SRC, "screens", "customer"))
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
    .map((name) => join("screens", "customer", name));
  return [...customer, join("screens", "welcome.ts"), join("lib", "invoice.ts"), join("lib", "print-document.ts"), join("app", "link.ts")];
}

describe("customer screens carry no literal English", () => {
  it.each(customerFiles())("%s", (file) => {
    const findings = findUiLiterals(readFileSync(join(SRC, file), "utf8"));
    expect(findings.map((f) => `${file}:${f.line} ${f.text}`)).toEqual([]);
  });

  it("catches a label put back in English in a real screen", () => {
    const home = readFileSync(join(SRC, "screens", "customer", "home.ts"), "utf8");
    expect(findUiLiterals(home)).toEqual([]);
    const regressed = home.replace('t("home.title")', '"Home"');
    expect(regressed).not.toBe(home);
    expect(findUiLiterals(regressed).map((f) => f.text)).toEqual(['"Home"']);
  });

  it("the scan covers the customer screens", () => {
    expect(customerFiles().length).toBeGreaterThanOrEqual(10);
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
  ])("flags %s", (line) => {
    expect(findUiLiterals(line)).toHaveLength(1);
  });

  it.each([
    [`import { t } from "../../i18n";`],
    [`h("p", { class: "message message--error load-error", attrs: { role: "alert", "data-testid": "load-error" } }, t("common.loading"));`],
    [`if (code === "OutOfStock" || select.value === "Gas Leak") return;`],
    [`const keys = { "Gas Leak": "issue.gasLeak", Other: "issue.other" };`],
    [`button(t("common.cancel"), go, { variant: "ghost", size: "lg", testid: \`complaint-cancel-\${id}\` });`],
    [`// A comment says "Log in" in words.`],
    [`const ISSUE_TYPES = ["Gas Leak", "Other"]; // i18n-ignore: the values sent to the backend`],
    [`listHead(b.reference, \` · \${b.booking_reference}\`, status);`],
  ])("lets pass %s", (line) => {
    expect(findUiLiterals(line)).toEqual([]);
  });
});
