// Cold start, measured through the real window: from asking tauri-driver for a session (which
// starts the binary on a new database: migrations included) to the first form being usable. A figure for
// docs/BENCHMARKS.md, not a timed test: it asserts the screen comes up, and records how fast.
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { artifactsDir, launchApp } from "./support/app";

const RUNS = 3;

describe("start-up", () => {
  it("shows a usable first screen, and records how long that took", async () => {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      // A new, empty database: the first screen is the set-up form for the first staff account.
      const app = await launchApp();
      try {
        const field = app.browser.$('[data-testid="setup-username"]');
        await field.waitForDisplayed({ timeout: 30_000 });
        expect(await field.isEnabled()).toBe(true);
        times.push(performance.now() - started);
      } finally {
        await app.close();
      }
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
    const line = `${new Date().toISOString()} ${process.env["GASDESK_BIN"] ?? "?"}: cold start to a usable first screen, median ${median.toFixed(0)} ms of ${times.map((t) => t.toFixed(0)).join(", ")} ms\n`;
    appendFileSync(join(artifactsDir(), "startup.txt"), line);
    console.log(line.trim());
    expect(times).toHaveLength(RUNS);
  }, 180_000);
});
