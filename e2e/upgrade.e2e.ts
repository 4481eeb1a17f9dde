// An older database is upgraded with the window already open on its upgrading page, which then
// turns into the app (src-tauri/app/upgrading.rs, decision 0016). The file is the real V8
// agency of the upgrade test (tests/fixtures/v8-agency.sqlite), copied: it is small, so the
// upgrading page is up for a moment only. Its progress is tested in the core
// (store/upgrade.rs) and in ui/src/screens/upgrading.test.ts; docs/BENCHMARKS.md has the
// full-size upgrade, with pictures of the page taken on the 2.6 GB file.
import { copyFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { launchApp } from "./support/app";
import { checkDatabase, Driver } from "./support/customer";

const V8_AGENCY = resolve(import.meta.dirname, "../tests/fixtures/v8-agency.sqlite");

describe("upgrade of an older database", () => {
  it("upgrades a V8 agency's file, then opens its log-in screen, its customers with consumer numbers", async () => {
    const app = await launchApp([], { prepare: (dbPath) => copyFileSync(V8_AGENCY, dbPath) });
    try {
      const d = new Driver(app);
      // The log-in screen, not the first-run set-up: the agency's accounts came through.
      await d.loginCustomer("customer1");
      expect(await app.browser.getUrl()).toMatch(/\/index\.html$/);
      await d.waitFor("home-consumer-no");
      expect(await d.el("home-consumer-no").getText()).toBe("Consumer no. GD00000001");
      expect(checkDatabase(app)).toContain(": ok");
    } finally {
      await app.close();
    }
  }, 120_000);
});
