// The customer side through the real window: first-run setup, log-in, booking and paying
// (first-time and returning customer) with the tax invoice after, out of stock, a failing
// gateway, complaints with the gas-leak safety panel, and the kiosk's idle log-out. Each
// describe starts the app on its own fresh database. The refill rules (a double-bottle
// household, a refill too early) are trade.e2e.ts's. Screenshots: e2e/artifacts/customer-*.png.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchApp, type AppSession } from "./support/app";
import { checkDatabase, demoDatabase, Driver, WAIT } from "./support/customer";
import { outsideFirstView, resizeTo } from "./support/layout";

// A small demo: customer1 holds a cylinder, customer2…customer4 hold none, plenty in stock.
const SMALL = { customers: 4, cylinders: 10, bookings: 0, complaints: 0 };

describe("first run: the setup screen on an empty database", () => {
  let app: AppSession;
  let d: Driver;

  beforeAll(async () => {
    app = await launchApp();
    d = new Driver(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it("asks for the first staff account, checks it, and opens the admin area", async () => {
    await d.waitFor("setup-username", 30_000);
    expect(await d.exists("admin-switch")).toBe(false);
    await d.shot("setup");
    await d.typeInto("setup-username", "owner");
    await d.typeInto("setup-fullname", "Agency Owner");
    await d.typeInto("setup-password", "owner-pass-1");
    await d.typeInto("setup-confirm", "owner-pass-2");
    await d.click("setup-submit");
    expect(await d.textOf("setup-confirm-error")).toBe("The two passwords are not the same.");
    await d.typeInto("setup-confirm", "owner-pass-1");
    await d.click("setup-submit");
    await d.waitFor("admin-root", 30_000);
    await d.waitFor("admin-lock");
    await d.click("admin-lock");
    // Locked: back to the welcome screen, with the staff switch in the corner.
    await d.waitFor("login-username");
    await d.waitFor("admin-switch");
    expect(await d.exists("setup")).toBe(false);
  });
});

describe("booking: log in, book, pay, invoice", () => {
  let app: AppSession;
  let d: Driver;
  let firstCylinder = "";

  beforeAll(async () => {
    app = await launchApp([], demoDatabase(SMALL));
    d = new Driver(app);
    // The same customer books twice in a row here.
    await d.waitFor("login-username", 30_000);
    await d.allowBackToBackRefills();
  });

  afterAll(async () => {
    await app?.close();
  });

  it("shows the welcome screen and refuses a wrong password in plain words", async () => {
    await d.waitFor("login-username", 30_000);
    expect(await d.textOf("welcome-agency")).not.toBe("");
    await d.shot("welcome");
    await d.typeInto("login-username", "customer2");
    await d.typeInto("login-password", "wrong-password");
    await d.click("login-submit");
    expect(await d.textOf("login-error")).toBe("Wrong username or password.");
  });

  it("has a staff switch in the corner that opens the unlock dialog and closes again", async () => {
    await d.click("admin-switch");
    await d.waitFor("staff-dialog");
    await d.waitFor("staff-username");
    await d.shot("staff-dialog");
    await d.browser.keys("Escape");
    await d.waitGone("staff-dialog");
    await d.click("admin-switch");
    await d.click("staff-cancel");
    await d.waitGone("staff-dialog");
  });

  it("a first-time customer books, pays and gets a tax invoice with the assigned cylinder", async () => {
    await d.loginCustomer("customer2");
    expect(await d.exists("home-no-cylinder")).toBe(true);
    expect(await d.textOf("connection-1-holding")).toBe("Single-bottle (holds 0 of 1)");
    await d.shot("home-no-cylinder");

    await d.click("home-book-1");
    await d.waitFor("confirm-continue");
    expect(await d.textOf("confirm-type")).toBe("14.2 kg domestic");
    expect(await d.textOf("confirm-price")).toBe("₹1,000.00");
    expect(await d.textOf("confirm-returned")).toBe("No cylinder to hand back");
    await d.shot("confirm");
    await d.click("confirm-continue");

    await d.waitFor("pay-button");
    expect(await d.textOf("pay-button")).toBe("Pay ₹1,000.00");
    await d.shot("payment");
    await d.click("pay-button");

    await d.waitFor("invoice");
    expect(await d.textOf("invoice-title")).toBe("Tax Invoice");
    firstCylinder = await d.textOf("invoice-cylinder");
    expect(firstCylinder).toMatch(/^[A-Z]{3}\d{3}$/);
    expect(await d.textOf("booking-success")).not.toContain("Hand back");
    expect(await d.textOf("invoice-booking-ref")).toMatch(/^BK-\d+$/);
    expect(await d.textOf("invoice-total")).toBe("₹1,000.00");
    expect(await d.textOf("invoice-payment-ref")).toMatch(/^pay_/);
    expect(await d.exists("invoice-print")).toBe(true);
    await d.shot("invoice");

    // The home screen now shows that cylinder as theirs.
    await d.click("receipt-done");
    await d.waitFor("home-cylinder-id");
    expect(await d.textOf("home-cylinder-id")).toBe(firstCylinder);
    await d.shot("home-with-cylinder");
  });

  it("a returning customer hands back the old cylinder, as the confirmation and the thank-you say", async () => {
    await d.click("home-book-1");
    await d.waitFor("confirm-returned");
    expect(await d.textOf("confirm-returned")).toBe(firstCylinder);
    await d.click("confirm-continue");
    await d.click("pay-button");
    await d.waitFor("invoice");
    expect(await d.textOf("booking-success")).toContain(`Hand back your empty cylinder ${firstCylinder}`);
    const second = await d.textOf("invoice-cylinder");
    expect(second).not.toBe(firstCylinder);
    await d.shot("invoice-returning");
    await d.click("receipt-done");
    await d.waitFor("home-cylinder-id");
    expect(await d.textOf("home-cylinder-id")).toBe(second);
  });

  it("My Bookings and My Payments agree with the invoices, and the database checks out", async () => {
    await d.click("home-bookings");
    await d.waitFor("bookings-list");
    const bookings = await app.browser.$$('[data-testid^="booking-item-"]');
    expect(bookings.length).toBe(2);
    const statuses = await app.browser.$$('[data-testid^="booking-status-"]').map((e) => e.getText());
    expect(statuses).toEqual(["Completed", "Completed"]);
    const cylinders = await app.browser.$$('[data-testid^="booking-cylinder-"]').map((e) => e.getText());
    expect(cylinders).toContain(firstCylinder);
    await d.shot("bookings");

    await d.click("payments-tab");
    await d.waitFor("payments-list");
    const payments = await app.browser.$$('[data-testid^="payment-status-"]').map((e) => e.getText());
    expect(payments).toEqual(["Success", "Success"]);
    await d.shot("payments");

    // An older invoice opens from the list.
    await d.click("bookings-tab");
    await d.waitFor("bookings-list");
    const receiptButton = await app.browser.$('[data-testid^="booking-receipt-"]');
    await receiptButton.click();
    await d.waitFor("invoice");
    expect(await d.textOf("invoice-booking-ref")).toMatch(/^BK-/);

    expect(checkDatabase(app)).toContain(": ok");
  });

  it("logging out returns to the welcome screen", async () => {
    await d.logout();
    expect(await d.exists("home")).toBe(false);
  });
});

describe("out of stock: a clear message and no charge", () => {
  let app: AppSession;
  let d: Driver;

  beforeAll(async () => {
    // Two cylinders: customer1 holds one; the other is all the stock there is.
    app = await launchApp([], demoDatabase({ customers: 2, cylinders: 2, bookings: 0, complaints: 0 }));
    d = new Driver(app);
    // customer1's cylinder was booked today: without this the gap, not the stock, refuses.
    await d.waitFor("login-username", 30_000);
    await d.allowBackToBackRefills();
  });

  afterAll(async () => {
    await app?.close();
  });

  it("says no filled cylinder is available and charges nothing", async () => {
    await d.loginCustomer("customer1");
    const held = await d.textOf("home-cylinder-id");
    // Book until the stock runs out (the last filled one goes on the first booking).
    let outOfStock = false;
    for (let attempt = 0; attempt < 4 && !outOfStock; attempt += 1) {
      await d.bookAndPay();
      if (await d.exists("pay-error")) {
        outOfStock = true;
      } else {
        await d.click("receipt-done");
        await d.waitFor("home-cylinder-id");
      }
    }
    expect(outOfStock).toBe(true);
    expect(await d.el("pay-error").getAttribute("data-code")).toBe("OutOfStock");
    const message = await d.textOf("pay-error-message");
    expect(message).toMatch(/not been charged/);
    expect(await d.exists("invoice")).toBe(false);
    expect(await d.exists("pay-retry")).toBe(false);
    await d.shot("out-of-stock");

    // Nothing changed: still holding a cylinder, no failed payment recorded.
    await d.click("pay-home");
    await d.waitFor("home-cylinder-id");
    expect(await d.textOf("home-cylinder-id")).not.toBe("");
    expect(held).not.toBe("");
    await d.click("home-bookings");
    await d.click("payments-tab");
    await d.waitFor("payments-list");
    const payments = await app.browser.$$('[data-testid^="payment-status-"]').map((e) => e.getText());
    expect(payments).not.toContain("Failed");
  });
});

describe("failing gateway: the payment fails and nothing is charged", () => {
  let app: AppSession;
  let d: Driver;

  beforeAll(async () => {
    app = await launchApp(["--gateway", "fail"], demoDatabase(SMALL));
    d = new Driver(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it("shows the payment-failed message, no receipt, and the customer still has no cylinder", async () => {
    await d.loginCustomer("customer3", "pass1234", { keyboard: true });
    expect(await d.exists("home-no-cylinder")).toBe(true);
    await d.bookAndPay();
    await d.waitFor("pay-error");
    expect(await d.el("pay-error").getAttribute("data-code")).toBe("PaymentFailed");
    expect(await d.textOf("pay-error-message")).toMatch(/not been charged and nothing was booked/);
    expect(await d.exists("invoice")).toBe(false);
    await d.shot("payment-failed");

    await d.click("pay-home");
    await d.waitFor("home-no-cylinder");
    // The failed attempt is on record, as Failed; the booking as Cancelled.
    await d.click("home-bookings");
    await d.click("payments-tab");
    await d.waitFor("payments-list");
    const payments = await app.browser.$$('[data-testid^="payment-status-"]').map((e) => e.getText());
    expect(payments).toEqual(["Failed"]);
    await d.click("bookings-tab");
    await d.waitFor("bookings-list");
    const bookings = await app.browser.$$('[data-testid^="booking-status-"]').map((e) => e.getText());
    expect(bookings).toEqual(["Cancelled"]);
    expect(checkDatabase(app)).toContain(": ok");
  });
});

describe("complaints: gas leak safety panel, tracking, cancelling", () => {
  let app: AppSession;
  let d: Driver;

  beforeAll(async () => {
    app = await launchApp([], demoDatabase(SMALL));
    d = new Driver(app);
    await d.loginCustomer("customer3");
  });

  afterAll(async () => {
    await app?.close();
  });

  it("shows the safety panel and helpline the moment Gas Leak is chosen, then files it", async () => {
    await d.click("home-report");
    await d.waitFor("complaint-type");
    expect(await d.exists("gas-leak-panel")).toBe(false);
    await d.choose("complaint-type", "Gas Leak");
    await d.waitFor("gas-leak-panel", 3_000);
    expect(await d.textOf("gas-leak-helpline")).toBe("1906");
    expect(await d.textOf("gas-leak-panel")).toMatch(/Turn the regulator knob OFF and fit the safety cap on the cylinder valve\./);
    // The number is seen at once at a 1280x720 kiosk (its stylesheet), without scrolling.
    const before = await app.browser.getWindowSize();
    await app.browser.execute("document.documentElement.classList.add('kiosk');");
    await resizeTo(app.browser, { width: 1280, height: 720 });
    expect(await outsideFirstView(app.browser, "gas-leak-helpline")).toBeNull();
    await app.browser.execute("document.documentElement.classList.remove('kiosk');");
    await app.browser.setWindowSize(before.width, before.height);
    await d.typeInto("complaint-description", "Smell of gas near the stove since this morning.");
    expect(await d.textOf("complaint-count")).toBe("47 / 1000");
    await d.shot("gas-leak");
    await d.click("complaint-submit");
    await d.waitFor("complaint-success");
    expect(await d.exists("gas-leak-panel")).toBe(true);
  });

  it("refuses an empty description beside the field", async () => {
    await d.click("complaint-go-home");
    await d.click("home-report");
    await d.choose("complaint-type", "Other");
    await d.click("complaint-submit");
    expect(await d.textOf("complaint-description-error")).toMatch(/describe the problem/);
  });

  it("files another complaint and cancels it after confirming; the gas leak stays Pending", async () => {
    await d.typeInto("complaint-description", "Please call before delivery <b>thanks</b>.");
    await d.click("complaint-submit");
    await d.waitFor("complaint-success");
    await d.click("complaint-go-list");
    await d.waitFor("my-complaints-list");
    const items = await app.browser.$$('[data-testid^="complaint-item-"]');
    expect(items.length).toBe(2);
    const newest = (await items[0]?.getAttribute("data-testid"))?.replace("complaint-item-", "") ?? "";
    const older = (await items[1]?.getAttribute("data-testid"))?.replace("complaint-item-", "") ?? "";
    // Text is shown as typed, never as markup.
    expect(await d.textOf(`complaint-description-${newest}`)).toBe("Please call before delivery <b>thanks</b>.");
    expect(await d.textOf(`complaint-status-${newest}`)).toBe("Pending");
    await d.shot("complaints");

    await d.click(`complaint-cancel-${newest}`);
    await d.waitFor(`complaint-cancel-confirm-${newest}`);
    await d.shot("complaint-cancel-confirm");
    await d.click(`complaint-cancel-confirm-${newest}`);
    await app.browser.waitUntil(async () => (await d.textOf(`complaint-status-${newest}`)) === "Cancelled", {
      ...WAIT,
      timeoutMsg: "the complaint never showed as Cancelled",
    });
    expect(await d.exists(`complaint-cancel-${newest}`)).toBe(false);
    expect(await d.textOf(`complaint-status-${older}`)).toBe("Pending");
  });
});

describe("kiosk: the customer is logged out when the screen is left alone", () => {
  let app: AppSession;
  let d: Driver;

  let dir = "";

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "gasdesk-idle-"));
    const db = join(dir, "gasdesk.db");
    // As staff would in Settings, which is office work (refused at a kiosk): the shortest idle
    // time allowed (15 s, so a 7 s countdown), set in the office window on the kiosk's database.
    const office = await launchApp([], { ...demoDatabase(SMALL), db });
    try {
      const od = new Driver(office);
      await od.waitFor("login-username", 30_000);
      await od.changeSettings({ kiosk_idle_seconds: 15 });
    } finally {
      await office.close();
    }
    app = await launchApp(["--kiosk"], { db });
    d = new Driver(app);
    await d.waitFor("login-username", 30_000);
  });

  afterAll(async () => {
    await app?.close();
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  it("counts down, lets the customer stay, then logs out to the welcome screen", { timeout: 120_000 }, async () => {
    await d.shot("kiosk-welcome");
    await d.loginCustomer("customer1");
    await d.shot("kiosk-home");
    // No input: the countdown appears after about 8 s.
    await d.waitFor("idle-countdown", 20_000);
    const seconds = Number(await d.textOf("idle-seconds"));
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(7);
    await d.shot("kiosk-countdown");
    await d.click("idle-stay");
    await d.waitGone("idle-countdown");
    // Still logged in, in Rust too: the home screen loads its data again.
    await d.click("home-bookings");
    await d.waitFor("bookings-tab");
    // Then nobody touches it: the countdown, then the welcome screen with a notice.
    await d.waitFor("idle-countdown", 20_000);
    await d.waitFor("welcome-notice", 20_000);
    expect(await d.textOf("welcome-notice")).toMatch(/logged out/);
    expect(await d.exists("home")).toBe(false);
    await d.shot("kiosk-logged-out");
    // The backend agrees: nobody is logged in.
    const session = await d.invoke("session_info");
    expect(session).toEqual({ ok: true, value: { customer: null, staff: null } });
  });
});
