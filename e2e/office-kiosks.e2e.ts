// The office window serving kiosk PCs, through the real window as a clerk would click: turn on
// "Serve kiosks on this network" in Settings, add a kiosk on the Kiosks screen, pair a kiosk
// with the code shown (the real `gasdesk pair`, as on the kiosk PC), see it in the list, remove
// it, and see that its pairing is refused from then on. Screenshots: e2e/artifacts/office-kiosks-*.png.
import { execFileSync, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactsDir, launchApp, type AppSession } from "./support/app";
import { Driver, WAIT } from "./support/customer";


/** A TCP port nobody listens on now (the office's server is asked to take it). */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address !== null ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

describe("office: serving kiosks from the office window", () => {
  let app: AppSession;
  let application = "";
  let port = 0;

  let d: Driver;

  const el = (testid: string) => app.browser.$(`[data-testid="${testid}"]`);
  const shot = (name: string) => app.browser.saveScreenshot(join(artifactsDir(), `office-kiosks-${name}.png`));
  const click = (testid: string) => d.click(testid);
  const typeInto = (testid: string, text: string) => d.typeInto(testid, text);
  const textOf = (testid: string) => d.textOf(testid);

  /** `gasdesk pair` as the kiosk PC runs it, into a pairing file of this test. */
  function pair(code: string): { status: number | null; output: string } {
    const run = spawnSync(
      application,
      ["pair", "--server", `127.0.0.1:${port}`, "--code", code, "--name", "Counter 1", "--pairing", join(app.workDir, "kiosk.json")],
      { encoding: "utf8", timeout: 30_000 },
    );
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  }

  beforeAll(async () => {
    port = await freePort();
    app = await launchApp([], {
      prepare: (dbPath, binary) => {
        application = binary;
        execFileSync(binary, ["demo", "--db", dbPath], { stdio: "pipe", timeout: 60_000 });
      },
    });
    d = new Driver(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it("staff turn on serving in Settings and the Kiosks screen shows where kiosks connect", async () => {
    await click("admin-switch");
    await typeInto("staff-username", "admin");
    await typeInto("staff-password", "admin12345");
    await click("staff-submit");
    await (await el("screen-dashboard")).waitForDisplayed(WAIT);

    await click("nav-settings");
    await (await el("screen-settings")).waitForDisplayed(WAIT);
    await click("settings-serve-kiosks");
    const portInput = await el("settings-kiosk-port");
    await portInput.waitForDisplayed(WAIT);
    await portInput.setValue(String(port));
    await click("settings-save");
    await app.browser.waitUntil(async () => (await textOf("settings-kiosk-status")).includes(String(port)), {
      ...WAIT,
      timeoutMsg: "the settings never said where the office serves",
    });

    await click("nav-kiosks");
    await (await el("screen-kiosks")).waitForDisplayed(WAIT);
    expect(await textOf("kiosks-status")).toContain(`:${port}`);
    expect((await textOf("kiosks-fingerprint")).replace(/\s/g, "")).toMatch(/^[0-9a-f]{64}$/i);
    await shot("serving");
  });

  it("adds a kiosk: the code is shown large, and the real `gasdesk pair` pairs with it", async () => {
    await click("kiosks-add");
    await typeInto("kiosk-new-name", "Counter 1");
    await click("kiosk-add-dialog-confirm");
    // Shown as four groups of four, typed with or without the dashes.
    const shown = (await textOf("kiosk-code")).replace(/\s/g, "");
    expect(shown).toMatch(/^[A-Z2-9]{16}$/);
    const code = (shown.match(/.{4}/g) ?? []).join("-");
    expect(await textOf("kiosk-pair-command")).toContain(code);
    await shot("code");

    const paired = pair(code);
    expect(paired.status, paired.output).toBe(0);
    // The code works once.
    expect(pair(code).status).not.toBe(0);

    await click("kiosk-code-dialog-close");
    await app.browser.waitUntil(async () => (await $$rows()).length === 1, { ...WAIT, timeoutMsg: "the paired kiosk is not listed" });
    await shot("listed");
  });

  it("removes the kiosk after a confirmation: listed as removed", async () => {
    const [row] = await $$rows();
    const id = ((await row?.getAttribute("data-testid")) ?? "").replace("kiosk-row-", "");
    await click(`kiosk-remove-${id}`);
    await click("kiosk-remove-dialog-confirm");
    await app.browser.waitUntil(async () => (await textOf(`kiosk-row-${id}`)).includes("Removed"), {
      ...WAIT,
      timeoutMsg: "the kiosk is not shown as removed",
    });
    expect(await (await el(`kiosk-remove-${id}`)).isExisting()).toBe(false);
    await (await el("kiosk-remove-dialog")).waitForDisplayed({ ...WAIT, reverse: true });
    await shot("removed");
  });

  async function $$rows() {
    return Array.from(await app.browser.$$('[data-testid^="kiosk-row-"]'));
  }
});
