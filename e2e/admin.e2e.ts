// The staff (admin) area through the real window, on a demo database: the admin switch, the
// dashboard (stock per type), refill all, a manual assignment (with its invoice), registering
// 5 kg and 19 kg cylinders with their test-due stamp, holding one back and finding it under
// "Due for test / held back" and on the send-to-plant list, the cylinder types, resolving a
// complaint (a hostile description shown as inert text), relocking; and the backend refusing
// an admin command from a customer session. Screenshots of every admin screen go to
// e2e/artifacts/admin-*.png.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Key } from "webdriverio";
import { artifactsDir, invokeFromPage as invokeFromPageOf, launchApp, type AppSession, type Invoked } from "./support/app";

const XSS = "<img src=x onerror=alert(1)>";
const CUSTOMER = "customer3";
const ASSIGN_TO = "customer7";
const WAIT = { timeout: 15_000 };
/** New stock registered by the clerk: two 5 kg and one 19 kg, with a test date years ahead. */
const FIVE_KG = ["E2E-5KG-01", "E2E-5KG-02"];
const NINETEEN_KG = ["E2E-19KG-01"];
const STAMP = "D-34";

/** What a command invoked straight from the webview gave: its value, or its error payload. */

describe("admin: staff screens through the admin switch", () => {
  let app: AppSession;
  let complaintId = "";

  const el = (testid: string) => app.browser.$(`[data-testid="${testid}"]`);
  const shot = (name: string) => app.browser.saveScreenshot(join(artifactsDir(), `admin-${name}.png`));

  async function click(testid: string): Promise<void> {
    const target = await el(testid);
    await target.waitForClickable(WAIT);
    await target.click();
  }

  async function typeInto(testid: string, text: string): Promise<void> {
    const target = await el(testid);
    await target.waitForDisplayed(WAIT);
    await target.setValue(text);
  }

  async function textOf(testid: string): Promise<string> {
    const target = await el(testid);
    await target.waitForDisplayed(WAIT);
    return target.getText();
  }

  async function openScreen(name: string): Promise<void> {
    await click(`nav-${name}`);
    await (await el(`screen-${name}`)).waitForDisplayed(WAIT);
  }

  /**
   * Runs a script in the page (as text: this project's e2e code has no DOM types). `arguments`
   * holds `args`; a returned promise is awaited by the driver.
   */
  async function inPage<T>(script: string, ...args: unknown[]): Promise<T> {
    return (await app.browser.execute(script, ...args)) as T;
  }

  const invokeFromPage = (command: string, args: Record<string, unknown> = {}): Promise<Invoked> =>
    invokeFromPageOf(app.browser, command, args);

  beforeAll(async () => {
    app = await launchApp([], {
      // Staff admin/admin12345, customers customerN/pass1234, cylinders in every state, complaints.
      prepare: (dbPath, application) => {
        execFileSync(application, ["demo", "--db", dbPath], { stdio: "pipe", timeout: 60_000 });
      },
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it("a customer files a gas-leak complaint whose text is HTML, from the customer screens", async () => {
    await typeInto("login-username", CUSTOMER);
    await typeInto("login-password", "pass1234");
    await click("login-submit");
    await click("home-report");
    const type = await el("complaint-type");
    await type.waitForDisplayed(WAIT);
    await type.selectByAttribute("value", "Gas Leak");
    await typeInto("complaint-description", XSS);
    await click("complaint-submit");
    await (await el("complaint-success")).waitForDisplayed(WAIT);
  });

  it("while only a customer is logged in, an admin command invoked from the page is Forbidden", async () => {
    for (const command of ["dashboard", "refill_all_empty"]) {
      const result = await invokeFromPage(command);
      expect(result.ok, `${command} must be refused`).toBe(false);
      if (!result.ok) expect(result.failure.code).toBe("Forbidden");
    }
    const assign = await invokeFromPage("assign_manually", {
      input: { customer_id: 1, cylinder_code: "AAA000", payment: "Free", reason: "not allowed", override_refill_rules: false },
    });
    expect(assign.ok).toBe(false);
    if (!assign.ok) expect(assign.failure.code).toBe("Forbidden");
  });

  it("staff unlock the admin switch and see the dashboard with its chart", async () => {
    await click("admin-switch");
    await typeInto("staff-username", "admin");
    await typeInto("staff-password", "admin12345");
    await click("staff-submit");
    await (await el("screen-dashboard")).waitForDisplayed(WAIT);
    await (await el("dashboard-filled-value")).waitForDisplayed(WAIT);
    expect(Number(await textOf("dashboard-open-complaints-value"))).toBeGreaterThan(0);
    expect(await textOf("dashboard-gas-leaks")).toContain("gas leak");
    expect(await textOf("dashboard-revenue-month-value")).toMatch(/^₹[\d,]+\.\d\d$/);
    // Stock per type: the demo's three types, the 14.2 kg with cylinders held back or due.
    for (const type of ["1", "2", "3"]) await (await el(`dashboard-type-${type}`)).waitForDisplayed(WAIT);
    expect(await textOf("dashboard-type-3")).toContain("19 kg commercial");
    expect(Number(await textOf("dashboard-type-1-held-or-due"))).toBeGreaterThan(0);
    // Chart.js drew into the canvas under the strict CSP (no inline styles or scripts).
    const size = await inPage<{ width: number; height: number } | null>(
      `const canvas = document.querySelector('[data-testid="dashboard-chart"]');
       return canvas === null ? null : { width: canvas.width, height: canvas.height };`,
    );
    expect(size?.width ?? 0).toBeGreaterThan(100);
    expect(size?.height ?? 0).toBeGreaterThan(100);
  });

  it("refills every empty cylinder after a confirmation, except those held back", async () => {
    // The demo leaves some returned cylinders Empty, and holds back two more.
    const empties = Number(await textOf("dashboard-empty-value"));
    expect(empties).toBeGreaterThan(2);
    await openScreen("inventory");
    await click("inventory-refill-all");
    // The demo holds back two empties (leaking, defective): they stay Empty.
    const intro = await textOf("inventory-refill-dialog");
    expect(intro).toContain(`${empties - 2} Empty cylinder`);
    expect(intro).toContain("2 held-back cylinders stay Empty until released");
    await click("inventory-refill-dialog-confirm");
    const notice = await el("inventory-notice");
    await notice.waitUntil(async () => (await notice.getText()).startsWith("Refilled"), WAIT);
    expect(await notice.getText()).toContain(`Refilled ${empties - 2} cylinder`);
    // The only Empty cylinders left are the two held back, each with its reason.
    const status = await el("inventory-status");
    await status.selectByAttribute("value", "Empty");
    const range = await el("inventory-range");
    await range.waitUntil(async () => (await range.getText()) === "Rows 1–2 (last page)", WAIT);
    const held = await inPage<string[]>(
      `return Array.from(document.querySelectorAll('[data-testid^="held-"]')).map((b) => b.textContent);`,
    );
    expect(held.sort()).toEqual(["held back: Defective — Dented foot ring", "held back: Leaking — Valve leaks when the cap is off"]);
    await status.selectByAttribute("value", "");
    await range.waitUntil(async () => (await range.getText()).startsWith("Rows 1–"), WAIT);
    await shot("inventory");
  });

  it("assigns a chosen Filled cylinder to a chosen customer by hand and shows the receipt", async () => {
    await openScreen("bookings");
    await click("bookings-assign-open");
    await typeInto("assign-customer-search", ASSIGN_TO);
    await click(`assign-customer-option-${ASSIGN_TO}`);
    // Their connections are read before a cylinder is offered for them.
    await (await el("assign-connection-1")).waitForDisplayed(WAIT);
    const firstCylinder = await app.browser.$('[data-testid^="assign-cylinder-option-"]');
    await firstCylinder.waitForClickable(WAIT);
    const cylinderCode = ((await firstCylinder.getAttribute("data-testid")) ?? "").replace("assign-cylinder-option-", "");
    await firstCylinder.click();
    expect(await (await el("assign-cylinder")).getValue()).toBe(cylinderCode);
    // Only cylinders of the customer's connection type are offered (the demo's customers have 14.2 kg).
    expect(await (await el("assign-type")).getValue()).toBe("1");
    expect(await (await el("assign-cash")).parentElement().getText()).toBe("Cash collected (₹1,000.00)");
    await click("assign-cash");
    await typeInto("assign-reason", "Counter sale, paid in cash");
    // The demo's history may have refilled this customer within the last 25 days: the refill
    // rules then refuse a paid refill, beside the box that overrides them.
    await click("assign-submit");
    const refused = await el("assign-refill-rule");
    await app.browser.waitUntil(async () => (await el("assign-receipt").isExisting()) || (await refused.isDisplayed()), WAIT);
    if (!(await el("assign-receipt").isExisting())) {
      expect(await refused.getText()).toContain("Override the refill rules");
      await click("assign-override");
      await click("assign-submit");
    }
    await (await el("assign-receipt")).waitForDisplayed(WAIT);
    expect(await textOf("assign-receipt-cylinder-given")).toBe(cylinderCode);
    expect(await textOf("assign-receipt-customer")).toContain(`(${ASSIGN_TO})`);
    expect(await textOf("assign-receipt-type")).toBe("14.2 kg domestic");
    expect(await textOf("assign-receipt-consumer-number")).toMatch(/^GD\d{8}$/);
    expect(await textOf("assign-receipt-amount")).toBe("₹1,000.00");
    // The sale got a tax invoice numbered in this financial year's series.
    expect(await textOf("assign-receipt-bill")).toMatch(/^Invoice GD\/\d{2}-\d{2}\/\d{6} · ₹1,000\.00$/);
    const reference = (await textOf("assign-receipt-booking")).trim();
    expect(reference).toMatch(/^BK-\d{6}$/);
    // The new booking heads the list, done by staff.
    const row = await el(`booking-row-${reference}`);
    await row.waitForDisplayed(WAIT);
    expect(await row.getText()).toContain(ASSIGN_TO);
    await shot("bookings");

    // The inventory agrees: the cylinder is now with that customer.
    await openScreen("inventory");
    await typeInto("inventory-search", cylinderCode);
    const cylinderRow = await el(`inventory-row-${cylinderCode}`);
    await cylinderRow.waitForExist(WAIT);
    await cylinderRow.waitUntil(async () => (await cylinderRow.getAttribute("data-status")) === "Assigned", WAIT);
    expect(await cylinderRow.getText()).toContain(ASSIGN_TO);
  });

  it("registers 5 kg and 19 kg cylinders with their type and test-due stamp, and lists them with their type", async () => {
    await openScreen("inventory");
    for (const [typeId, serials] of [["2", FIVE_KG], ["3", NINETEEN_KG]] as const) {
      await click("inventory-register");
      await (await el("register-type")).selectByAttribute("value", typeId);
      await typeInto("register-test-due", STAMP);
      await click("register-mode-serials");
      // One a line, with the Enter key as a clerk types them (WebKit's driver drops a typed "\n").
      await typeInto("register-serials", serials.join(Key.Enter));
      await click("inventory-register-dialog-confirm");
      // The notice stays; the list of codes in it is new each time, so it is asked afresh.
      const notice = await el("inventory-notice");
      await notice.waitUntil(async () => (await notice.getText()).includes(serials[0] ?? ""), WAIT);
    }
    expect(await textOf("inventory-notice")).toContain("Registered 1 Filled 19 kg commercial cylinder");
    await typeInto("inventory-search", "E2E-");
    const range = await el("inventory-range");
    await range.waitUntil(async () => (await range.getText()) === "Rows 1–3 (last page)", WAIT);
    for (const code of FIVE_KG) expect(await textOf(`inventory-type-${code}`)).toBe("5 kg domestic");
    for (const code of NINETEEN_KG) expect(await textOf(`inventory-type-${code}`)).toBe("19 kg commercial");
    for (const code of [...FIVE_KG, ...NINETEEN_KG]) expect(await textOf(`test-due-${code}`)).toBe(STAMP);
    // Filtered by type, only that type's are left.
    await (await el("inventory-type")).selectByAttribute("value", "3");
    await range.waitUntil(async () => (await range.getText()) === "Rows 1–1 (last page)", WAIT);
    expect(await el(`inventory-row-${NINETEEN_KG[0] ?? ""}`).isExisting()).toBe(true);
    await (await el("inventory-type")).selectByAttribute("value", "");
    await range.waitUntil(async () => (await range.getText()) === "Rows 1–3 (last page)", WAIT);
    await shot("inventory-registered");
  });

  it("holds one back as leaking: it shows under “Due for test / held back” and on the send-to-plant list", async () => {
    const [leaking = "", sound = ""] = FIVE_KG;
    await click(`inventory-hold-${leaking}`);
    await click("hold-leaking");
    await typeInto("hold-reason", "Hissing at the valve after filling");
    await click("hold-dialog-confirm");
    const badge = await el(`held-${leaking}`);
    await badge.waitForDisplayed(WAIT);
    expect(await badge.getText()).toBe("held back: Leaking — Hissing at the valve after filling");

    const range = await el("inventory-range");
    await click("inventory-attention");
    await range.waitUntil(async () => (await range.getText()) === "Rows 1–1 (last page)", WAIT);
    expect(await el(`inventory-row-${leaking}`).isExisting()).toBe(true);
    expect(await el(`inventory-row-${sound}`).isExisting()).toBe(false);

    // The send-to-plant list, printed alone (the print dialog itself is not opened here).
    await inPage<null>(`window.print = () => { document.documentElement.dataset.printed = "yes"; }; return null;`);
    await click("inventory-print-plant");
    const notice = await el("inventory-notice");
    await notice.waitUntil(async () => (await notice.getText()).startsWith("Sent 1 cylinder to the printer"), WAIT);
    const printed = await inPage<{ asked: string | undefined; rows: string[]; printing: boolean }>(
      `return {
         asked: document.documentElement.dataset.printed,
         rows: Array.from(document.querySelectorAll('[data-testid="plant-list"] tbody tr')).map((r) => r.textContent),
         printing: document.querySelector('[data-testid="admin"]').classList.contains("admin--print-plant"),
       };`,
    );
    expect(printed.asked).toBe("yes");
    expect(printed.printing).toBe(true);
    expect(printed.rows).toEqual([`${leaking}5 kg domesticFilled${STAMP}Leaking — Hissing at the valve after filling`]);
    await inPage<null>(`window.dispatchEvent(new Event("afterprint")); return null;`);
    await click("inventory-attention");
    await range.waitUntil(async () => (await range.getText()) === "Rows 1–3 (last page)", WAIT);
  });

  it("lists the cylinder types with their GST-inclusive price and rate", async () => {
    await openScreen("types");
    await (await el("type-row-3")).waitForDisplayed(WAIT);
    expect(await textOf("type-price-2")).toBe("₹350.00");
    expect(await textOf("type-price-3")).toBe("₹1,750.00");
    expect(await textOf("type-gst-3")).toBe("18 %");
    expect(await textOf("type-gst-1")).toBe("5 %");
    await shot("types");
  });

  it("shows the hostile complaint as inert text, gas leaks first and in red, and resolves it with a note", async () => {
    await openScreen("complaints");
    const description = await app.browser.$(`//*[starts-with(@data-testid, "complaint-description-")][normalize-space(.)="${XSS}"]`);
    await description.waitForDisplayed(WAIT);
    complaintId = ((await description.getAttribute("data-testid")) ?? "").replace("complaint-description-", "");
    expect(await description.getText()).toBe(XSS);
    // It stayed text: no element was made from it, and no script ran.
    const injected = await inPage<number>(`return document.querySelectorAll('[data-testid="screen-complaints"] img').length;`);
    expect(injected).toBe(0);

    const row = await el(`complaint-row-${complaintId}`);
    expect(await row.getAttribute("class")).toContain("admin-row--leak");
    expect(await textOf(`complaint-type-${complaintId}`)).toBe("Gas Leak");
    // Gas leaks come before every other complaint in the Pending queue.
    const order = await inPage<boolean[]>(
      `return Array.from(document.querySelectorAll('[data-testid^="complaint-row-"]')).map((r) => r.classList.contains("admin-row--leak"));`,
    );
    expect(order.indexOf(false) === -1 || order.lastIndexOf(true) < order.indexOf(false)).toBe(true);
    await shot("complaints");

    // Closing needs a note.
    await (await el(`complaint-status-${complaintId}`)).selectByAttribute("value", "Completed");
    await click(`complaint-save-${complaintId}`);
    expect(await textOf(`complaint-note-${complaintId}-error`)).toContain("required to close");
    await typeInto(`complaint-note-${complaintId}`, "Called the customer; regulator replaced, no leak found.");
    await click(`complaint-save-${complaintId}`);
    const current = await el(`complaint-current-${complaintId}`);
    await current.waitUntil(async () => (await current.getText()) === "Completed", WAIT);
    expect(await textOf(`complaint-saved-${complaintId}`)).toContain("Saved");
  });

  it("shows customers, settings, backups and the audit log", async () => {
    await openScreen("customers");
    await typeInto("customers-search", ASSIGN_TO);
    const customersRange = await el("customers-range");
    await customersRange.waitUntil(async () => (await customersRange.getText()) === "Rows 1–1 (last page)", WAIT);
    await (await el(`customer-row-${ASSIGN_TO}`)).waitForDisplayed(WAIT);
    await shot("customers");
    // Their details list their 14.2 kg connection, which now holds the cylinder given by hand.
    await click(`customer-details-${ASSIGN_TO}`);
    await (await el("connection-row-1")).waitForDisplayed(WAIT);
    expect(await textOf("connection-held-1")).toMatch(/^1 of [12]$/);
    await shot("customer-connections");
    await click("customer-details-close");

    await openScreen("settings");
    const legalName = await el("settings-legal-name");
    await legalName.waitUntil(async () => (await legalName.getValue()) !== "", WAIT);
    expect(await legalName.getValue()).toBe("Sri Lakshmi Gas Agency Private Limited");
    expect(await (await el("settings-gstin")).getValue()).toBe("29AAGCG1234K1ZJ");
    expect(await (await el("settings-refill-gap")).getValue()).toBe("25");
    expect(await (await el("settings-refills-per-year")).getValue()).toBe("15");
    expect(await el("settings-price").isExisting()).toBe(false);
    await (await el("staff-row-admin")).waitForDisplayed(WAIT);
    await shot("settings");

    await openScreen("backups");
    await click("backup-now");
    const path = await textOf("backup-path");
    expect(path).toMatch(/gasdesk-\d{8}-\d{6}\.db$/);
    expect(existsSync(path)).toBe(true);
    await shot("backups");

    await openScreen("audit");
    await (await el("audit-action")).selectByAttribute("value", "complaint.set_status");
    await (await el("audit-entity")).selectByAttribute("value", "complaint");
    await typeInto("audit-entity-id", complaintId);
    await click("audit-apply");
    const table = await el("audit-table");
    await table.waitUntil(async () => (await table.getText()).includes("status: Pending → Completed"), WAIT);
    await shot("audit");
  });

  it("the dashboard counts today's manual assignment in its chart and revenue", async () => {
    await openScreen("dashboard");
    const total = await el("dashboard-chart-total");
    await total.waitUntil(async () => /^[1-9]/.test(await total.getText()), WAIT);
    expect(await textOf("dashboard-revenue-today-value")).not.toBe("₹0.00");
    await shot("dashboard");
  });

  it("Lock relocks the switch: the admin area goes and its commands are refused again", async () => {
    await click("admin-lock");
    await (await el("admin")).waitForExist({ ...WAIT, reverse: true });
    await (await el("admin-switch")).waitForDisplayed(WAIT);
    const result = await invokeFromPage("dashboard");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure.code).toBe("Forbidden");
    await shot("locked");
  });
});
