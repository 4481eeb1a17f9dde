// The kiosk PC's link to the office. A kiosk on its own PC holds no database: every command goes
// to the office PC over the LAN. Its Rust shell checks the office every few seconds and answers
// `kiosk_link` itself; this watcher asks it every LINK_POLL_MS and, while the office is away,
// shows "Office offline — bookings paused" with the emergency helpline (the one last heard from
// the office), tells the screens (starting a booking is disabled) and clears it all by itself
// when the office is back. An office of another major version shows "Update this kiosk".
// On the office PC `kiosk_link` says `remote: false` and nothing here runs. The banner is in the
// customer's language and is drawn again when it changes.
import type { Backend } from "../api/backend";
import type { KioskLink } from "../gen/KioskLink";
import { h } from "../lib/dom";
import { onLanguageChange, t, type MessageKey } from "../i18n";
import { tNodes } from "../i18n/nodes";
import type { OfficeLink } from "../screens/customer/context";

export const LINK_POLL_MS = 3_000;

export const OFFLINE_TITLE: MessageKey = "link.offlineTitle";
export const UPDATE_TITLE: MessageKey = "link.updateTitle";

export class LinkWatcher implements OfficeLink {
  private current: KioskLink;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly listeners = new Set<(online: boolean) => void>();
  private readonly stopLanguage: () => void;

  /**
   * `banner` is the shell's element for the banner (emptied and hidden while all is well);
   * `onBack` runs when the office answers again after being offline.
   */
  constructor(
    private readonly backend: Pick<Backend, "kioskLink">,
    private readonly banner: HTMLElement,
    first: KioskLink,
    private readonly onBack: () => void,
  ) {
    this.current = first;
    this.render();
    this.stopLanguage = onLanguageChange(() => this.render());
    this.schedule();
  }

  get online(): boolean {
    return this.current.online && !this.current.update_needed;
  }

  get link(): KioskLink {
    return this.current;
  }

  subscribe(listener: (online: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.stopped = true;
    this.stopLanguage();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll(), LINK_POLL_MS);
  }

  private async poll(): Promise<void> {
    try {
      this.apply(await this.backend.kioskLink());
    } catch {
      // Answered by the kiosk's own shell; if even that fails, the next poll will tell.
    }
    this.schedule();
  }

  private apply(next: KioskLink): void {
    if (this.stopped) return;
    const wasOnline = this.online;
    const changed =
      next.online !== this.current.online ||
      next.update_needed !== this.current.update_needed ||
      next.emergency_helpline !== this.current.emergency_helpline;
    this.current = next;
    if (changed) this.render();
    if (this.online !== wasOnline) {
      for (const listener of [...this.listeners]) listener(this.online);
      if (this.online) this.onBack();
    }
  }

  private render(): void {
    const link = this.current;
    if (link.update_needed) {
      this.show(
        "update",
        h("strong", { class: "link-banner__title" }, t(UPDATE_TITLE)),
        h("span", {}, t("link.updateText")),
      );
    } else if (!link.online) {
      const helpline = link.emergency_helpline.trim();
      this.show(
        "offline",
        h("strong", { class: "link-banner__title" }, t(OFFLINE_TITLE)),
        h("span", {}, t("link.offlineText")),
        ...(helpline === ""
          ? []
          : [
              h(
                "span",
                { class: "link-banner__helpline" },
                ...tNodes("link.smellGas", { number: h("strong", { class: "link-banner__number", attrs: { "data-testid": "link-helpline" } }, helpline) }),
              ),
            ]),
      );
    } else {
      this.banner.hidden = true;
      this.banner.removeAttribute("data-state");
      this.banner.replaceChildren();
    }
  }

  private show(state: "offline" | "update", ...children: Node[]): void {
    this.banner.dataset["state"] = state;
    this.banner.replaceChildren(...children);
    this.banner.hidden = false;
  }
}
