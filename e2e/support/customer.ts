// Helpers for driving the customer side through the real window by its data-testids.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { artifactsDir, invokeFromPage, type AppSession, type Invoked, type LaunchOptions } from "./app";
import { screenToPng } from "./memory";

export const WAIT = { timeout: 15_000 };

/** Demo database sizes, passed to `gasdesk demo`. */
export interface DemoSize {
  customers: number;
  cylinders: number;
  bookings: number;
  complaints: number;
}

/**
 * A `prepare` for launchApp that makes a demo database (staff admin/admin12345, customers
 * customerN/pass1234 with a 14.2 kg connection, type 1). With `bookings: 0`, customer1 holds one
 * cylinder (the demo books one for the first customer) and the other customers hold none; the
 * last one has a booking waiting for its payment. Whatever the size, `ravi` (a double-bottle
 * 14.2 kg connection holding one, consumer number 7100452391, never paid for a refill) and
 * `hotel` (19 kg commercial) are there too, with the password pass1234.
 */
export function demoDatabase(size: DemoSize): LaunchOptions {
  return {
    prepare: (dbPath, application) => {
      execFileSync(
        application,
        [
          "demo",
          "--db",
          dbPath,
          "--customers",
          String(size.customers),
          "--cylinders",
          String(size.cylinders),
          "--bookings",
          String(size.bookings),
          "--complaints",
          String(size.complaints),
        ],
        { stdio: "pipe", timeout: 60_000 },
      );
    },
  };
}

/**
 * A picture of a kiosk window: of the X screen itself (`xwd`), which is what the customer sees.
 * The kiosk draws without accelerated compositing (`app/kiosk_webkit.rs`), and there WebKit's
 * snapshot, which WebDriver's screenshot uses, hangs once a receipt or invoice has been shown.
 * Saved as e2e/artifacts/<name>.png.
 */
export async function kioskShot(d: Driver, name: string): Promise<void> {
  await d.browser.pause(300);
  const display = process.env["DISPLAY"] ?? "";
  if (!screenToPng(display, join(artifactsDir(), `${name}.png`))) {
    throw new Error("xwd (x11-apps, installed by scripts/setup.sh) could not take the picture");
  }
}

/** Runs `gasdesk check` on the app's database (safe while the app runs). */
export function checkDatabase(app: AppSession): string {
  const application = process.env["GASDESK_BIN"] ?? "";
  return execFileSync(application, ["check", "--db", app.dbPath], { encoding: "utf8", timeout: 60_000 });
}

/** What a command invoked straight from the page gave. */
export type { Invoked };

export class Driver {
  constructor(readonly app: AppSession) {}

  get browser(): WebdriverIO.Browser {
    return this.app.browser;
  }

  el(testid: string) {
    return this.browser.$(`[data-testid="${testid}"]`);
  }

  async waitFor(testid: string, timeout = WAIT.timeout): Promise<void> {
    await this.el(testid).waitForDisplayed({ timeout, timeoutMsg: `${testid} never showed` });
  }

  async waitGone(testid: string, timeout = WAIT.timeout): Promise<void> {
    await this.el(testid).waitForExist({ timeout, reverse: true, timeoutMsg: `${testid} never went away` });
  }

  async exists(testid: string): Promise<boolean> {
    return this.el(testid).isExisting();
  }

  async click(testid: string): Promise<void> {
    const target = this.el(testid);
    await target.waitForClickable({ ...WAIT, timeoutMsg: `${testid} never became clickable` });
    await target.click();
  }

  async typeInto(testid: string, text: string): Promise<void> {
    const target = this.el(testid);
    await target.waitForDisplayed(WAIT);
    await target.setValue(text);
  }

  async textOf(testid: string): Promise<string> {
    const target = this.el(testid);
    await target.waitForDisplayed({ ...WAIT, timeoutMsg: `${testid} never showed` });
    return (await target.getText()).trim();
  }

  /** Chooses an option of a <select> by its value, as a person would (the element's own events fire). */
  async choose(testid: string, value: string): Promise<void> {
    const target = this.el(testid);
    await target.waitForDisplayed(WAIT);
    await target.selectByAttribute("value", value);
  }

  async shot(name: string): Promise<void> {
    // Let the last paint land (fonts, a focus ring) before the picture.
    await this.browser.pause(250);
    await this.browser.saveScreenshot(join(artifactsDir(), `customer-${name}.png`));
  }

  /** Logs in; with `keyboard`, presses Enter in the password box instead of clicking. */
  async loginCustomer(username: string, password = "pass1234", opts: { keyboard?: boolean } = {}): Promise<void> {
    await this.waitFor("login-username", 30_000);
    await this.typeInto("login-username", username);
    await this.typeInto("login-password", password);
    if (opts.keyboard === true) await this.browser.keys("Enter");
    else await this.click("login-submit");
    await this.waitFor("home-greeting");
    // The home card has loaded when either cylinder card is there.
    await this.browser.waitUntil(async () => (await this.exists("home-cylinder")) || (await this.exists("home-no-cylinder")), {
      ...WAIT,
      timeoutMsg: "the home screen never showed the cylinder card",
    });
  }

  async logout(): Promise<void> {
    await this.click("logout");
    await this.waitFor("login-username");
  }

  /**
   * Home → Book (the connection of `typeId`, 14.2 kg domestic unless told) → confirm → pay.
   * Leaves the payment outcome on screen: the invoice (`receipt-screen`) or `pay-error`.
   */
  async bookAndPay(typeId = 1): Promise<void> {
    await this.click(`home-book-${typeId}`);
    await this.waitFor("confirm-continue");
    await this.click("confirm-continue");
    await this.waitFor("pay-button");
    await this.click("pay-button");
    await this.browser.waitUntil(async () => (await this.exists("receipt-screen")) || (await this.exists("pay-error")), {
      ...WAIT,
      timeoutMsg: "the payment never finished",
    });
  }

  /**
   * As staff: no minimum gap between two refills of a connection, for tests that book one
   * customer again and again (the rule itself is trade.e2e.ts's and the Rust tests').
   */
  async allowBackToBackRefills(): Promise<void> {
    await this.changeSettings({ refill_gap_days: 0 });
  }

  /**
   * Lets Print be pressed in the real window: `window.print` only counts (the print dialog
   * would wait for a person), while everything before it — recording the print with the
   * backend, the copy shown — runs as it does for a customer.
   */
  async countPrintsInsteadOfPrinting(): Promise<void> {
    await this.browser.execute("window.__printed = 0; window.print = () => { window.__printed += 1; };");
  }

  /** How many times Print reached `window.print` since `countPrintsInsteadOfPrinting`. */
  async printed(): Promise<number> {
    return Number(await this.browser.execute("return window.__printed ?? 0;"));
  }

  /**
   * Calls a backend command straight from the page (what staff set-up through the admin area
   * would do, without depending on its screens).
   */
  invoke(command: string, args: Record<string, unknown> = {}): Promise<Invoked> {
    return invokeFromPage(this.browser, command, args);
  }

  /** As staff (admin/admin12345): changes settings, then locks the switch again. */
  async changeSettings(change: Record<string, unknown>): Promise<void> {
    const unlocked = await this.invoke("staff_unlock", { username: "admin", password: "admin12345" });
    if (!unlocked.ok) throw new Error(`staff_unlock failed: ${JSON.stringify(unlocked.failure)}`);
    const current = await this.invoke("get_settings");
    if (!current.ok) throw new Error(`get_settings failed: ${JSON.stringify(current.failure)}`);
    const updated = await this.invoke("update_settings", { settings: { ...(current.value as object), ...change } });
    await this.invoke("staff_lock");
    if (!updated.ok) throw new Error(`update_settings failed: ${JSON.stringify(updated.failure)}`);
  }
}
