// Cold start, measured through the real window: from asking tauri-driver for a session (which
// starts the binary: migrations and reconciliation included) to the first form being usable. A
// figure for docs/BENCHMARKS.md, not a timed test: it asserts the screen comes up, and records
// how fast. GASDESK_STARTUP_DB=big.db also measures start-up on that (large, set-up) database.
import { appendFileSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { artifactsDir, launchApp, type LaunchOptions } from "./support/app";

const RUNS = 3;

async function measure(label: string, firstField: string, options: LaunchOptions = {}): Promise<void> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const app = await launchApp([], options);
    try {
      const field = app.browser.$(`[data-testid="${firstField}"]`);
      await field.waitForDisplayed({ timeout: 30_000 });
      expect(await field.isEnabled()).toBe(true);
      times.push(performance.now() - started);
    } finally {
      await app.close();
    }
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
  const line = `${new Date().toISOString()} ${process.env["GASDESK_BIN"] ?? "?"}: cold start to a usable first screen, ${label}, median ${median.toFixed(0)} ms of ${times.map((t) => t.toFixed(0)).join(", ")} ms\n`;
  appendFileSync(join(artifactsDir(), "startup.txt"), line);
  console.log(line.trim());
  expect(times).toHaveLength(RUNS);
}

describe("start-up", () => {
  it("shows a usable first screen on a new database, and records how long that took", async () => {
    // The first screen of an empty database is the set-up form for the first staff account.
    await measure("new database", "setup-username");
  }, 180_000);

  const large = process.env["GASDESK_STARTUP_DB"];
  it.runIf(large !== undefined)("shows the log-in screen on a large database, and records how long that took", async () => {
    const target = resolve(large ?? "");
    // The app opens the file through a link in its own work directory (SQLite follows it).
    await measure(`database ${target}`, "login-username", { prepare: (dbPath) => symlinkSync(target, dbPath) });
  }, 180_000);
});
