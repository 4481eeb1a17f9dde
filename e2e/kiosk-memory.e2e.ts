// The memory of a kiosk PC's whole app (`gasdesk --kiosk --server … --pairing …`: the gasdesk
// process and WebKit's processes under it), as PSS, on the welcome screen, after a customer
// has booked and seen the invoice, and back on the welcome screen after logging out. A figure
// for docs/BENCHMARKS.md, not a timed test: run by scripts/measure-kiosk-memory.sh, which
// starts the office server, pairs the kiosk and sets the variables below; skipped otherwise.
import { appendFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactsDir, launchApp, type AppSession } from "./support/app";
import { Driver } from "./support/customer";
import { findAppProcess, memoryOfTree, screenToPng, type ProcessMemory } from "./support/memory";

const server = process.env["KIOSK_MEMORY_SERVER"];
const pairing = process.env["KIOSK_MEMORY_PAIRING"];
/** Names this run's figures and pictures (e.g. the WebKit settings it was started with). */
const label = process.env["KIOSK_MEMORY_LABEL"] ?? "kiosk";
const customer = process.env["KIOSK_MEMORY_CUSTOMER"] ?? "customer2";
/** How long the screen is left alone before each reading, so start-up and paint work is done. */
const settleMs = Number(process.env["KIOSK_MEMORY_SETTLE_MS"] ?? "8000");

describe.runIf(server !== undefined && pairing !== undefined)("kiosk PC memory, whole app, PSS", () => {
  let app: AppSession;
  let d: Driver;
  let appPid = 0;

  function record(state: string): ProcessMemory[] {
    const processes = memoryOfTree(appPid);
    const total = processes.reduce((sum, p) => sum + p.pss, 0);
    const line = { at: new Date().toISOString(), label, state, totalKb: total, root: appPid, processes };
    appendFileSync(join(artifactsDir(), "kiosk-memory.jsonl"), `${JSON.stringify(line)}\n`);
    console.log(`${label} ${state}: ${(total / 1024).toFixed(1)} MB PSS over ${processes.length} processes`);
    const display = process.env["DISPLAY"];
    if (display !== undefined) screenToPng(display, join(artifactsDir(), `kiosk-memory-${label}-${state}.png`));
    return processes;
  }

  beforeAll(async () => {
    const pairingFile = resolve(pairing ?? "");
    app = await launchApp(["--kiosk", "--server", server ?? "", "--pairing", pairingFile], { noDatabase: true });
    d = new Driver(app);
    appPid = findAppProcess(process.env["GASDESK_BIN"] ?? "gasdesk", pairingFile);
  });

  afterAll(async () => {
    await app?.close();
  });

  it("measures the welcome screen", async () => {
    await d.waitFor("login-username", 30_000);
    await d.browser.pause(settleMs);
    const processes = record("welcome");
    // The window's own process and at least WebKit's web process.
    expect(processes.length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it("measures after a booking, with the invoice on screen", async () => {
    await d.loginCustomer(customer);
    await d.bookAndPay();
    expect(await d.exists("invoice")).toBe(true);
    await d.browser.pause(settleMs);
    record("after-booking");
  }, 120_000);

  it("measures the welcome screen again after the customer logs out", async () => {
    await d.logout();
    await d.browser.pause(settleMs);
    record("after-logout");
  }, 120_000);
});
