// The upgrading page's screen (ui/upgrading.html): the markup is static in the page, so it
// shows before any script; this only moves the bar and the percent as the upgrade reports.
import type { UpgradeProgress } from "../gen/UpgradeProgress";

/** Whole percent, 0 to 100 (the backend says 99 at most until the upgrade is committed). */
export function upgradePercent(p: UpgradeProgress): number {
  return Math.min(100, Math.max(0, Math.floor(p.fraction * 100)));
}

export class UpgradeScreen {
  private shown = 0;
  private readonly bar: HTMLProgressElement | null;
  private readonly percent: Element | null;

  constructor(page: ParentNode) {
    this.bar = page.querySelector<HTMLProgressElement>('[data-testid="upgrade-bar"]');
    this.percent = page.querySelector('[data-testid="upgrade-percent"]');
  }

  /** Shows `p`; a report that arrives late (smaller than one already shown) is ignored. */
  show(p: UpgradeProgress): void {
    const percent = upgradePercent(p);
    if (percent < this.shown) return;
    this.shown = percent;
    const text = `${percent} %`;
    if (this.bar !== null) {
      this.bar.value = percent;
      this.bar.textContent = text;
    }
    if (this.percent !== null) this.percent.textContent = text;
  }
}
