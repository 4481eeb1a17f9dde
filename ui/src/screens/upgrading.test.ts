// @vitest-environment happy-dom
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { UpgradeProgress } from "../gen/UpgradeProgress";
import { UpgradeScreen, upgradePercent } from "./upgrading";

const at = (fraction: number): UpgradeProgress => ({ from_version: 8, to_version: 9, fraction });

function text(testId: string): string {
  return document.querySelector(`[data-testid="${testId}"]`)?.textContent ?? "";
}

describe("the upgrading page", () => {
  beforeEach(() => {
    // The real page's screen, as the window shows it before any script runs (its <main> only:
    // the test's document loads no stylesheet or script).
    const page = readFileSync(join(import.meta.dirname, "../../upgrading.html"), "utf8");
    const screen = /<main[\s\S]*<\/main>/.exec(page);
    if (screen === null) throw new Error("ui/upgrading.html has no <main>");
    document.body.innerHTML = screen[0];
  });

  it("says what is happening and not to switch off before any report", () => {
    expect(document.body.textContent).toContain("Upgrading the GasDesk database…");
    expect(document.body.textContent).toContain("do not switch off the PC");
    expect(text("upgrade-percent")).toBe("0 %");
  });

  it("moves the bar and the percent, never backwards", () => {
    const screen = new UpgradeScreen(document);
    const bar = document.querySelector<HTMLProgressElement>('[data-testid="upgrade-bar"]');
    screen.show(at(0.423));
    expect(text("upgrade-percent")).toBe("42 %");
    expect(bar?.value).toBe(42);
    screen.show(at(0.3));
    expect(text("upgrade-percent")).toBe("42 %");
    screen.show(at(1));
    expect(text("upgrade-percent")).toBe("100 %");
    expect(bar?.value).toBe(100);
  });

  it("rounds down and stays within 0 to 100", () => {
    expect(upgradePercent(at(0.999))).toBe(99);
    expect(upgradePercent(at(-0.1))).toBe(0);
    expect(upgradePercent(at(1.5))).toBe(100);
  });
});
