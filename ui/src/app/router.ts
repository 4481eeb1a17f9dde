// The tiny router: one outlet shows one screen at a time. Showing a screen disposes the one
// before (timers, listeners), sets the window title and moves keyboard focus to the new
// screen's heading (or its first field), so keyboard and screen-reader users start at the top.
import type { Screen } from "../lib/screen";

export class Outlet {
  private current: Screen | null = null;
  private generation = 0;

  constructor(
    readonly container: HTMLElement,
    private readonly appName: () => string,
  ) {}

  /** A number that changes with every screen shown: async work compares it to know if it is stale. */
  get token(): number {
    return this.generation;
  }

  get screen(): Screen | null {
    return this.current;
  }

  show(screen: Screen): void {
    this.clear();
    this.generation += 1;
    this.current = screen;
    this.container.replaceChildren(screen.el);
    document.title = screen.title === undefined || screen.title === "" ? this.appName() : `${screen.title} · ${this.appName()}`;
    const target = screen.focus ?? screen.el.querySelector<HTMLElement>("h1") ?? screen.el;
    target.focus({ preventScroll: false });
    this.container.scrollTop = 0;
    window.scrollTo?.(0, 0);
  }

  clear(): void {
    const old = this.current;
    this.current = null;
    this.generation += 1;
    if (old !== null) {
      try {
        old.dispose?.();
      } catch (error) {
        console.error("GasDesk: a screen failed to clean up", error);
      }
    }
    this.container.replaceChildren();
  }
}
