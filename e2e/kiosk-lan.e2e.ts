// A kiosk PC in the real window (decision 0015): `gasdesk --kiosk --server ADDR --pairing FILE`
// holds no database and forwards every command to the office's `gasdesk serve`, paired with a
// code from `gasdesk add-kiosk`. A customer logs in, books and sees the invoice; the office
// stops and the kiosk shows "Office offline — bookings paused" with the helpline and the Book
// button off; the office starts again on the same address, the banner goes by itself and a
// customer books again; finally the office window on the office's database lists both
// bookings. Screenshots: e2e/artifacts/lan-*.png.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactsDir, launchApp, type AppSession } from "./support/app";
import { demoDatabase, Driver, kioskShot as kioskPicture } from "./support/customer";
import { checkOffice, OfficeServer, pairKiosk } from "./support/office";

/** The kiosk's office link is checked every 3 s; the banner follows within a poll or two. */
const LINK = { timeout: 20_000 };

/** The office window: WebDriver's screenshot. */
async function shot(d: Driver, name: string): Promise<void> {
  // Let the last paint land before the picture.
  await d.browser.pause(300);
  await d.browser.saveScreenshot(join(artifactsDir(), `lan-${name}.png`));
}

/** The kiosk window: a picture of the X screen (support/customer.ts says why). */
async function kioskShot(d: Driver, name: string): Promise<void> {
  await kioskPicture(d, `lan-${name}`);
}

async function bannerShown(d: Driver): Promise<boolean> {
  const banner = d.el("link-banner");
  return (await banner.isExisting()) && (await banner.isDisplayed());
}

describe("a kiosk PC books through the office server", () => {
  let work = "";
  let officeDb = "";
  let office: OfficeServer | null = null;
  let address = "";
  let app: AppSession | null = null;
  let d: Driver;
  const references: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "gasdesk-e2e-lan-"));
    officeDb = join(work, "office.db");
    // customer1 holds a cylinder; customer2 and customer3 hold none; eight in stock.
    await demoDatabase({ customers: 3, cylinders: 8, bookings: 0, complaints: 0 }).prepare?.(officeDb, process.env["GASDESK_BIN"] ?? "");
    office = await OfficeServer.start(officeDb, "127.0.0.1:0");
    address = office.address;
    const pairingFile = join(work, "kiosk-pairing.json");
    const paired = pairKiosk(officeDb, address, pairingFile, "Counter 1");
    expect(paired).toContain('Paired as kiosk "Counter 1"');
    app = await launchApp(["--kiosk", "--server", address, "--pairing", pairingFile], { noDatabase: true });
    d = new Driver(app);
  });

  afterAll(async () => {
    await app?.close();
    await office?.stop();
    if (work !== "") rmSync(work, { recursive: true, force: true });
  });

  it("opens on the welcome screen with the office's name and no offline banner", async () => {
    await d.waitFor("login-username", 30_000);
    expect(await d.textOf("agency-name")).not.toBe("");
    // Two link checks later, still online.
    await d.browser.pause(3_500);
    expect(await bannerShown(d)).toBe(false);
    await kioskShot(d, "welcome-online");
  });

  it("a customer logs in, books and pays, and sees the invoice the office made", async () => {
    await d.loginCustomer("customer2");
    await d.bookAndPay();
    await d.waitFor("invoice");
    const reference = await d.textOf("invoice-booking-ref");
    expect(reference).toMatch(/^BK-\d{6}$/);
    expect(await d.textOf("invoice-title")).toBe("Tax Invoice");
    expect(await d.textOf("invoice-number")).toMatch(/^GD\/\d{2}-\d{2}\/\d{6}$/);
    expect(await d.textOf("invoice-cylinder")).toMatch(/^[A-Z]{3}\d{3}$/);
    expect(await d.textOf("invoice-payment-ref")).toMatch(/^pay_/);
    expect(await d.textOf("invoice-total")).toMatch(/^₹[\d,]+\.\d\d$/);
    references.push(reference);
    await kioskShot(d, "invoice");
    await d.click("receipt-done");
    await d.waitFor("home-cylinder-id");
    // customer2 has just been refilled, so the refill rules offer no Book button until the gap
    // has passed: customer3, who can book, stands at the kiosk when the office goes away.
    await d.logout();
    await d.loginCustomer("customer3");
    await d.waitFor("home-book-1");
  });

  it("shows 'Office offline — bookings paused' with the helpline when the office stops, and the Book button is off", async () => {
    await office?.stop();
    await d.el("link-banner").waitForDisplayed({ ...LINK, timeoutMsg: "the offline banner never showed" });
    const banner = await d.textOf("link-banner");
    expect(banner).toContain("Office offline — bookings paused");
    expect(await d.textOf("link-helpline")).toMatch(/\d/);
    expect(await d.el("home-book-1").isEnabled()).toBe(false);
    await kioskShot(d, "offline");
  });

  it("recovers by itself when the office is back on the same address, and a customer books again", async () => {
    office = await OfficeServer.start(officeDb, address);
    expect(office.address).toBe(address);
    await d.el("link-banner").waitForDisplayed({ ...LINK, reverse: true, timeoutMsg: "the offline banner never went away" });
    await d.browser.waitUntil(async () => d.el("home-book-1").isEnabled(), { ...LINK, timeoutMsg: "Book never came back" });
    await kioskShot(d, "back-online");

    // The restarted office holds no sessions: customer3's next step ends at the welcome screen.
    await d.click("home-book-1");
    await d.browser.waitUntil(
      async () => {
        if (await d.exists("login-username")) return true;
        for (const step of ["confirm-continue", "pay-button"]) {
          const button = d.el(step);
          if ((await button.isExisting()) && (await button.isClickable())) await button.click();
        }
        return false;
      },
      { ...LINK, timeoutMsg: "the kiosk never went back to the welcome screen" },
    );
    await kioskShot(d, "session-ended");

    await d.loginCustomer("customer3");
    await d.bookAndPay();
    await d.waitFor("invoice");
    const reference = await d.textOf("invoice-booking-ref");
    expect(reference).toMatch(/^BK-\d{6}$/);
    expect(references).not.toContain(reference);
    references.push(reference);
    await kioskShot(d, "invoice-after-restart");
    await d.click("receipt-done");
    await d.logout();
  });

  it("the office window on the office's database lists both bookings, and the file checks out", async () => {
    await app?.close();
    app = null;
    const officeWindow = await launchApp([], { db: officeDb });
    app = officeWindow;
    const o = new Driver(officeWindow);
    await o.waitFor("admin-switch", 30_000);
    await o.click("admin-switch");
    await o.typeInto("staff-username", "admin");
    await o.typeInto("staff-password", "admin12345");
    await o.click("staff-submit");
    await o.waitFor("screen-dashboard");
    await o.click("nav-bookings");
    await o.waitFor("screen-bookings");
    const rows: string[] = [];
    for (const reference of references) {
      const row = o.el(`booking-row-${reference}`);
      await row.waitForDisplayed({ timeout: 15_000, timeoutMsg: `${reference} is not in the office's bookings` });
      rows.push(await row.getText());
    }
    expect(rows[0]).toContain("customer2");
    expect(rows[1]).toContain("customer3");
    await shot(o, "office-bookings");
    expect(checkOffice(officeDb)).toContain(": ok");
  });
});
