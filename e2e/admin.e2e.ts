// The staff (admin) area through the real window, on a demo database: the admin switch, the
// dashboard, refill all, a manual assignment, resolving a complaint (a hostile description
// shown as inert text), relocking; and the backend refusing an admin command from a customer
// session. Screenshots of every admin screen go to e2e/artifacts/admin-*.png.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactsDir, invokeFromPage as invokeFromPageOf, launchApp, type AppSession, type Invoked } from "./support/app";

const XSS = "<img src=x onerror=alert(1)>";
const CUSTOMER = "customer3";
const ASSIGN_TO = "customer7";
const WAIT = { timeout: 15_000 };

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
      input: { customer_id: 1, cylinder_code: "AAA000", payment: "Free", reason: "not allowed" },
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
    // Chart.js drew into the canvas under the strict CSP (no inline styles or scripts).
    const size = await inPage<{ width: number; height: number } | null>(
      `const canvas = document.querySelector('[data-testid="dashboard-chart"]');
       return canvas === null ? null : { width: canvas.width, height: canvas.height };`,
    );
    expect(size?.width ?? 0).toBeGreaterThan(100);
    expect(size?.height ?? 0).toBeGreaterThan(100);
  });

  it("refills every empty cylinder after a confirmation", async () => {
    const empties = Number(await textOf("dashboard-empty-value"));
    expect(empties).toBeGreaterThan(0);
    await openScreen("inventory");
    await click("inventory-refill-all");
    expect(await textOf("inventory-refill-dialog")).toContain(`${empties} Empty cylinder`);
    await click("inventory-refill-dialog-confirm");
    const notice = await el("inventory-notice");
    await notice.waitUntil(async () => (await notice.getText()).startsWith("Refilled"), WAIT);
    expect(await notice.getText()).toContain(`Refilled ${empties} cylinder`);
    // No Empty cylinder is left.
    const status = await el("inventory-status");
    await status.selectByAttribute("value", "Empty");
    const range = await el("inventory-range");
    await range.waitUntil(async () => (await range.getText()) === "No rows", WAIT);
    await status.selectByAttribute("value", "");
    await range.waitUntil(async () => (await range.getText()).startsWith("Rows 1–"), WAIT);
    await shot("inventory");
  });

  it("assigns a chosen Filled cylinder to a chosen customer by hand and shows the receipt", async () => {
    await openScreen("bookings");
    await click("bookings-assign-open");
    await typeInto("assign-customer-search", ASSIGN_TO);
    await click(`assign-customer-option-${ASSIGN_TO}`);
    const firstCylinder = await app.browser.$('[data-testid^="assign-cylinder-option-"]');
    await firstCylinder.waitForClickable(WAIT);
    const cylinderCode = ((await firstCylinder.getAttribute("data-testid")) ?? "").replace("assign-cylinder-option-", "");
    await firstCylinder.click();
    expect(await (await el("assign-cylinder")).getValue()).toBe(cylinderCode);
    await click("assign-cash");
    await typeInto("assign-reason", "Counter sale, paid in cash");
    await click("assign-submit");
    await (await el("assign-receipt")).waitForDisplayed(WAIT);
    expect(await textOf("assign-receipt-cylinder-given")).toBe(cylinderCode);
    expect(await textOf("assign-receipt-customer")).toContain(`(${ASSIGN_TO})`);
    expect(await textOf("assign-receipt-amount")).toBe("₹1,000.00");
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

    await openScreen("settings");
    const price = await el("settings-price");
    await price.waitUntil(async () => (await price.getValue()) !== "", WAIT);
    expect(await price.getValue()).toBe("1000.00");
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
