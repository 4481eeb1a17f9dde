// Layout and accessibility of every screen, on data at its longest (names, unbroken links and
// serials, descriptions, notes): every staff screen at the office sizes, every customer screen
// with the kiosk's stylesheet at the kiosk sizes. At each size nothing may be cut off or need
// sideways scrolling; on each screen axe-core may find nothing critical or serious, and staff
// screens have their title as the one <h1>. One seeded database serves both launches, and each
// launch resizes its one window. Screenshots: e2e/artifacts/layout/<role>-<screen>-<size>.png.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invokeFromPage, launchApp, type AppSession } from "./support/app";
import { demoDatabase, Driver, WAIT } from "./support/customer";
import {
  axeViolations,
  blocking,
  describeViolations,
  fitProblems,
  inPage,
  KIOSK_SIZES,
  label,
  OFFICE_SIZES,
  resizeTo,
  screenshot,
  type AxeViolation,
  type Size,
} from "./support/layout";
import { LONG, seedLongData } from "./support/long-data";

// Enough ordinary rows to fill a page of every list next to the long ones.
const DEMO = { customers: 30, cylinders: 60, bookings: 60, complaints: 12 };

/** The seeded database, backed up by the office launch for the kiosk launch. */
const shared = mkdtempSync(join(tmpdir(), "gasdesk-layout-"));
const seededDb = join(shared, "seeded.db");

/** A cylinder type named at its longest (40 characters), and a 32-character cylinder of it. */
const LONG_TYPE = { name: "Composite LPG 10 kg domestic translucent", serial: "HPCL/MUMBAI-WEST/2024-0000000004" };

/** Adds the long type and its cylinder as staff, through the backend, and locks again. */
async function seedLongType(browser: WebdriverIO.Browser): Promise<void> {
  const call = async (command: string, args: Record<string, unknown> = {}): Promise<unknown> => {
    const result = await invokeFromPage(browser, command, args);
    if (!result.ok) throw new Error(`seeding: ${command} failed: ${JSON.stringify(result.failure)}`);
    return result.value;
  };
  await call("staff_unlock", { username: "admin", password: "admin12345" });
  try {
    const type = (await call("save_cylinder_type", {
      type_id: null,
      input: { name: LONG_TYPE.name, category: "Domestic", price: "99999.99", gst_rate_bp: 1250, hsn: "27111900", active: true },
    })) as { id: number };
    await call("register_cylinders", { input: { serials: [LONG_TYPE.serial], count: 0, status: "Filled", type_id: type.id, test_due: "D-39" } });
  } finally {
    await call("staff_lock");
  }
}

/** axe's findings per screen, printed at the end (the report's before/after figures). */
const axeLog: Array<{ screen: string; violations: AxeViolation[] }> = [];

afterAll(() => {
  rmSync(shared, { recursive: true, force: true });
  const lines = axeLog.map(({ screen, violations }) => {
    const counts = violations.map((v) => `${v.id}/${v.impact ?? "?"}×${v.targets.length}`).join(", ");
    return `${screen.padEnd(26)} ${counts === "" ? "none" : counts}`;
  });
  console.log(`axe-core violations per screen:\n${lines.join("\n")}`);
});

/**
 * Checks the screen on show at every size: its layout (with a screenshot each), then axe once
 * (contrast and structure do not change with the width). Returns every problem found, so one
 * failing size does not hide the others.
 */
async function checkScreen(browser: WebdriverIO.Browser, name: string, sizes: readonly Size[]): Promise<string[]> {
  const problems: string[] = [];
  for (const size of sizes) {
    await resizeTo(browser, size);
    await screenshot(browser, `${name}-${label(size)}`);
    for (const p of await fitProblems(browser)) problems.push(`${label(size)}: ${p}`);
  }
  const violations = await axeViolations(browser);
  axeLog.push({ screen: name, violations });
  const serious = blocking(violations);
  if (serious.length > 0) problems.push(`axe-core:\n${describeViolations(serious)}`);
  return problems;
}

describe("layout and accessibility: staff screens at office sizes", () => {
  let app: AppSession;
  let d: Driver;

  beforeAll(async () => {
    app = await launchApp([], demoDatabase(DEMO));
    d = new Driver(app);
    await d.waitFor("login-username", 30_000);
    await seedLongData(app.browser);
    await seedLongType(app.browser);
    execFileSync(process.env["GASDESK_BIN"] ?? "", ["backup", "--db", app.dbPath, "--out", seededDb], { stdio: "pipe", timeout: 60_000 });
    // The welcome screen was drawn before the seeding: draw it again with the long agency name.
    await app.browser.refresh();
    await d.click("admin-switch");
    await d.typeInto("staff-username", "admin");
    await d.typeInto("staff-password", "admin12345");
    await d.click("staff-submit");
    await d.waitFor("screen-dashboard");
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Opens a staff screen, waits for `ready` (a CSS selector), does `prepare`, then checks it. */
  async function staffScreen(id: string, title: string, ready: string, prepare?: () => Promise<void>): Promise<void> {
    await d.click(`nav-${id}`);
    await d.waitFor(`screen-${id}`);
    await prepare?.();
    await app.browser.$(ready).waitForDisplayed({ ...WAIT, timeoutMsg: `${id}: ${ready} never showed` });
    const problems = await checkScreen(app.browser, `staff-${id}`, OFFICE_SIZES);
    // The screen's title is the page's one top-level heading.
    const headings = await inPage<string[]>(
      app.browser,
      "return Array.from(document.querySelectorAll('h1')).filter((h) => h.getClientRects().length > 0).map((h) => h.textContent.trim());",
    );
    if (headings.join("|") !== title) problems.push(`the visible <h1> headings are ${JSON.stringify(headings)}, not ["${title}"]`);
    expect(problems, problems.join("\n")).toEqual([]);
  }

  it("dashboard", async () => {
    await staffScreen("dashboard", "Dashboard", '[data-testid="dashboard-filled-value"]');
  });

  it("inventory, with the 32-character serials and the longest type name", async () => {
    await staffScreen("inventory", "Inventory", `[data-testid="inventory-row-${LONG.serials[1]}"]`, async () => {
      await d.typeInto("inventory-search", "HPCL");
    });
  });

  it("cylinder types, with a 40-character name", async () => {
    await staffScreen("types", "Cylinder types", '[data-testid^="type-row-"]');
    expect(await app.browser.$('[data-testid="screen-types"]').getText()).toContain(LONG_TYPE.name);
  });

  it("bookings, the long customer's at the top", async () => {
    await staffScreen("bookings", "Bookings", '[data-testid^="booking-row-"]');
    expect(await app.browser.$('[data-testid^="booking-row-"]').getText()).toContain(LONG.customer.username);
  });

  it("complaints, with a pasted link in a description", async () => {
    await staffScreen("complaints", "Complaints", '[data-testid^="complaint-row-"]');
    expect(await app.browser.$('[data-testid="screen-complaints"]').getText()).toContain("Flat-1204-Sai-Krupa-Heights");
  });

  it("customers, the long customer found", async () => {
    await staffScreen("customers", "Customers", `[data-testid="customer-row-${LONG.customer.username}"]`, async () => {
      await d.typeInto("customers-search", "lakshmi");
    });
  });

  it("settings, with a long staff name", async () => {
    await staffScreen("settings", "Settings", `[data-testid="staff-row-${LONG.staff.username}"]`);
  });

  it("settings scrolled to its end: the screens' list stays in view below the bar, and a field scrolled back into view is not under it", async () => {
    await d.click("nav-settings");
    await d.waitFor("screen-settings");
    const [smallest] = OFFICE_SIZES;
    if (smallest !== undefined) await resizeTo(app.browser, smallest);
    await inPage<null>(app.browser, "window.scrollTo(0, document.documentElement.scrollHeight); return null;");
    const seen = await inPage<{ scrolled: number; bar: number; height: number; nav: Array<{ id: string; top: number; bottom: number }> }>(
      app.browser,
      `return {
         scrolled: window.scrollY,
         bar: document.querySelector(".admin-bar").getBoundingClientRect().bottom,
         height: window.innerHeight,
         nav: Array.from(document.querySelectorAll('button[data-testid^="nav-"]')).map((b) => {
           const r = b.getBoundingClientRect();
           return { id: b.dataset.testid, top: r.top, bottom: r.bottom };
         }),
       };`,
    );
    // Settings runs past the window, or this proves nothing.
    expect(seen.scrolled).toBeGreaterThan(0);
    expect(seen.nav.length).toBeGreaterThan(5);
    const hidden = seen.nav.filter((n) => n.top < seen.bar - 0.5 || n.bottom > seen.height + 0.5).map((n) => n.id);
    expect(hidden, "screens in the navigation under the bar or below the window").toEqual([]);
    // The first field scrolled back into view (as the browser does for a field given the focus)
    // stops below the bar, not under it.
    const field = await inPage<number>(
      app.browser,
      `const box = document.querySelector('[data-testid="settings-low-stock"]'); box.scrollIntoView({ block: "nearest" }); return box.getBoundingClientRect().top;`,
    );
    expect(field).toBeGreaterThanOrEqual(seen.bar);
    await inPage<null>(app.browser, "window.scrollTo(0, 0); return null;");
  });

  it("backups, after a backup", async () => {
    await staffScreen("backups", "Backups", '[data-testid^="backup-row-"]', async () => {
      await d.click("backup-now");
      await d.waitFor("backup-path");
    });
  });

  it("audit log, with the long reason and note", async () => {
    await staffScreen("audit", "Audit log", '[data-testid^="audit-row-"]');
  });
});

describe("layout and accessibility: customer screens on a kiosk", () => {
  let app: AppSession;
  let d: Driver;

  beforeAll(async () => {
    // The real kiosk window is fullscreen and cannot be resized (under Xvfb it covers the whole
    // virtual screen), so the kiosk's screens are shown in a resizable window with the kiosk's
    // stylesheet switched on: html.kiosk, as the app sets it in kiosk mode (everything larger).
    app = await launchApp([], { prepare: (dbPath) => copyFileSync(seededDb, dbPath) });
    d = new Driver(app);
    await d.waitFor("login-username", 30_000);
  });

  afterAll(async () => {
    await app?.close();
  });

  async function kioskScreen(name: string): Promise<void> {
    await app.browser.execute("document.documentElement.classList.add('kiosk');");
    const problems = await checkScreen(app.browser, `kiosk-${name}`, KIOSK_SIZES);
    expect(problems, problems.join("\n")).toEqual([]);
  }

  it("welcome (log-in)", async () => {
    expect(await d.textOf("welcome-agency")).toBe(LONG.agencyName);
    await kioskScreen("welcome");
  });

  it("home, holding a 32-character serial", async () => {
    await d.loginCustomer(LONG.customer.username, LONG.customer.password);
    expect(await d.textOf("home-cylinder-id")).toBe(LONG.serials[0]);
    await kioskScreen("home");
  });

  it("booking: confirm, pay, tax invoice", async () => {
    await d.click("home-book-1");
    await d.waitFor("confirm-continue");
    await kioskScreen("booking-confirm");
    await d.click("confirm-continue");
    await d.waitFor("pay-button");
    await kioskScreen("booking-pay");
    await d.click("pay-button");
    await d.waitFor("invoice");
    // Both layouts of the invoice (the window keeps the paper chosen last): the 80 mm roll's
    // single column, then the sheet's line table.
    await d.click("print-paper-roll");
    await kioskScreen("invoice-roll");
    await d.click("print-paper-a4");
    await kioskScreen("invoice-sheet");
    await d.click("receipt-done");
    await d.waitFor("home-cylinder-id");
  });

  it("history: bookings and payments", async () => {
    await d.click("home-bookings");
    await d.waitFor("bookings-list");
    await kioskScreen("history-bookings");
    await d.click("payments-tab");
    await d.waitFor("payments-list");
    await kioskScreen("history-payments");
    await d.click("back-home");
    await d.waitFor("home-greeting");
  });

  it("my complaints, with the long descriptions and note", async () => {
    await d.click("home-complaints");
    await d.waitFor("my-complaints-list");
    await kioskScreen("complaints");
    await d.click("back-home");
    await d.waitFor("home-greeting");
  });

  it("report a problem, gas leak panel showing", async () => {
    await d.click("home-report");
    await d.choose("complaint-type", "Gas Leak");
    await d.waitFor("gas-leak-panel");
    await kioskScreen("report");
  });
});
