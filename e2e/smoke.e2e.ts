import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactsDir, launchApp, type AppSession } from "./support/app";

describe("smoke: the app starts and shows its first screen", () => {
  let app: AppSession;

  beforeAll(async () => {
    app = await launchApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it("shows GasDesk in the window", async () => {
    const { browser } = app;
    const heading = browser.$("h1");
    await heading.waitForDisplayed({ timeout: 30_000 });
    expect(await heading.getText()).toBe("GasDesk");
    expect(await browser.getTitle()).toBe("GasDesk");
    await browser.saveScreenshot(join(artifactsDir(), "smoke-welcome.png"));
  });

  it("renders the page from the bundled assets, styled", async () => {
    const { browser } = app;
    // The stylesheet is a separate file under the strict CSP; if it were blocked the title
    // would fall back to the default black.
    const color = await browser.$("h1").getCSSProperty("color");
    expect(color.parsed.hex).toBe("#0f4c81");
  });
});
