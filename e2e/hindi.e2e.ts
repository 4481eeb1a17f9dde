// Hindi at the kiosk, through the real window: the language switch on the welcome screen
// (found by its two names, "English" and "हिन्दी"), a refused log-in in Hindi (the error's code
// mapped to the catalog, not the backend's English), log in, book and pay, the tax invoice in
// Hindi with the Indian grouping and a Hindi date, the gas-leak safety panel with the helpline
// (inside the 1280x720 window without scrolling),
// and back to English at log-out. At the kiosk sizes (KIOSK_SIZES: 1280x720 and 1280x800
// landscape, 1080x1920 portrait, with the kiosk's stylesheet) nothing may be cut off or scroll
// sideways: Hindi runs longer. The Devanagari is drawn with real glyphs, not boxes.
// Screenshots: e2e/artifacts/hindi-<screen>-<size>.png.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactsDir, launchApp, type AppSession } from "./support/app";
import { demoDatabase, Driver, WAIT } from "./support/customer";
import { fitProblems, glyphScript, inPage, KIOSK_SIZES, label, outsideFirstView, resizeTo, SMALLEST_KIOSK, type Size } from "./support/layout";

const DEVANAGARI = /[\u0900-\u097F]/;
const ENGLISH_MONTH = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/;

describe("Hindi at the kiosk", () => {
  let app: AppSession;
  let d: Driver;

  beforeAll(async () => {
    // A resizable window with the kiosk's stylesheet (as layout.e2e.ts does: the real kiosk
    // window is fullscreen and cannot be resized).
    app = await launchApp([], demoDatabase({ customers: 3, cylinders: 12, bookings: 0, complaints: 0 }));
    d = new Driver(app);
    await d.waitFor("login-username", 30_000);
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Screenshots the screen at every kiosk size and gives what does not fit, per size. */
  async function checkAtKioskSizes(name: string, sizes: readonly Size[] = KIOSK_SIZES): Promise<string[]> {
    await app.browser.execute("document.documentElement.classList.add('kiosk');");
    const problems: string[] = [];
    for (const size of sizes) {
      await resizeTo(app.browser, size);
      // Let the Devanagari font load and the last paint land before the picture.
      await app.browser.pause(300);
      await app.browser.saveScreenshot(join(artifactsDir(), `hindi-${name}-${label(size)}.png`));
      for (const p of await fitProblems(app.browser)) problems.push(`${label(size)}: ${p}`);
    }
    return problems;
  }

  const htmlLang = (): Promise<string> => inPage<string>(app.browser, "return document.documentElement.lang;");

  it("the welcome screen offers both languages by their own names, and switches to Hindi", async () => {
    expect(await d.textOf("lang-en")).toBe("English");
    expect(await d.textOf("lang-hi")).toBe("हिन्दी");
    expect(await d.textOf("login-submit")).toBe("Log in");
    await d.click("lang-hi");
    await app.browser.waitUntil(async () => (await d.textOf("login-submit")) === "लॉग इन करें", { ...WAIT, timeoutMsg: "the log-in button never turned Hindi" });
    expect(await htmlLang()).toBe("hi");
    expect(await d.el("lang-hi").getAttribute("aria-pressed")).toBe("true");
    expect(await d.textOf("helpline-strip")).toMatch(DEVANAGARI);
    const problems = await checkAtKioskSizes("welcome");
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("draws Devanagari with real glyphs, not boxes (a Devanagari font is installed and in the stack)", async () => {
    type Glyphs = { first: number; second: number; boxes: number; family: string; real: boolean };
    const glyphs = await inPage<Glyphs>(app.browser, glyphScript());
    expect(glyphs.real, JSON.stringify(glyphs)).toBe(true);
    // The same check on characters no font draws says "boxes": it fails where glyphs are missing.
    const control = await inPage<Glyphs>(app.browser, glyphScript(true));
    expect(control.real, JSON.stringify(control)).toBe(false);
  });

  it("a refused log-in says so in Hindi (the code's catalog line, not the backend's English)", async () => {
    await d.typeInto("login-username", "ravi");
    await d.typeInto("login-password", "wrong-password");
    await d.click("login-submit");
    await d.waitFor("login-error");
    expect(await d.textOf("login-error")).toBe("यूज़रनेम या पासवर्ड गलत है।");
  });

  it("logs in and shows home in Hindi", async () => {
    await d.loginCustomer("ravi");
    expect(await d.textOf("home-book-1")).toMatch(/रिफिल बुक करें$/);
    expect(await d.textOf("connection-1-price")).toMatch(/^₹[\d,]+\.\d\d$/);
    expect(await d.textOf("logout")).toBe("लॉग आउट");
    const problems = await checkAtKioskSizes("home");
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("books, pays and shows the tax invoice in Hindi, money the Indian way and a Hindi date", async () => {
    await d.click("home-book-1");
    await d.waitFor("confirm-continue");
    expect(await d.textOf("confirm-continue")).toBe("भुगतान के लिए आगे बढ़ें");
    await d.click("confirm-continue");
    await d.waitFor("pay-button");
    expect(await d.textOf("pay-button")).toMatch(/^₹[\d,]+\.\d\d का भुगतान करें$/);
    await d.click("pay-button");
    await d.waitFor("invoice");
    expect(await d.textOf("booking-success")).toContain("भुगतान मिल गया");
    expect(await d.textOf("invoice-title")).toBe("कर बीजक (टैक्स इनवॉइस)");
    expect(await d.textOf("invoice-total")).toMatch(/^₹[\d,]+\.\d\d$/);
    const date = await d.textOf("invoice-date");
    expect(date).toMatch(DEVANAGARI);
    expect(date).not.toMatch(ENGLISH_MONTH);
    expect(await d.textOf("invoice-helpline")).not.toBe("");
    // The amount in Hindi words, Indian numbering (the English words stay on the issued data).
    expect(await d.textOf("invoice-words")).toMatch(/^[\u0900-\u097F ]+ रुपये(?: और [\u0900-\u097F ]+ पैसे)? मात्र$/);
    await d.click("print-paper-a4");
    const problems = await checkAtKioskSizes("receipt");
    expect(problems, problems.join("\n")).toEqual([]);
    await d.click("receipt-done");
    await d.waitFor("home-greeting");
  });

  it("a gas leak shows the Hindi safety panel with the helpline", async () => {
    await d.click("home-report");
    await d.choose("complaint-type", "Gas Leak");
    await d.waitFor("gas-leak-panel");
    const panel = await d.textOf("gas-leak-panel");
    for (const step of ["रेगुलेटर का नॉब बंद (OFF) करें", "सिलेंडर के वाल्व पर सेफ़्टी कैप लगा दें", "माचिस या लाइटर न जलाएँ", "खिड़कियाँ खोल दें", "बाहर निकल जाएँ", "आपातकालीन हेल्पलाइन को कॉल करें"]) {
      expect(panel).toContain(step);
    }
    const helpline = await d.textOf("gas-leak-helpline");
    expect(helpline).toMatch(/\d/);
    expect(await d.textOf("complaint-submit")).toBe("गैस रिसाव की सूचना दें");
    // In an emergency the number must be seen at once: at the landscape kiosk, with the kiosk's
    // stylesheet, it lies inside the window without any scrolling.
    await app.browser.execute("document.documentElement.classList.add('kiosk');");
    await resizeTo(app.browser, SMALLEST_KIOSK);
    expect(await outsideFirstView(app.browser, "gas-leak-helpline")).toBeNull();
    const problems = await checkAtKioskSizes("safety-panel");
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("log-out brings the kiosk back to English", async () => {
    await d.click("complaint-cancel-form");
    await d.waitFor("home-greeting");
    await d.logout();
    expect(await d.textOf("login-submit")).toBe("Log in");
    expect(await htmlLang()).toBe("en");
    expect(await d.el("lang-en").getAttribute("aria-pressed")).toBe("true");
  });
});
