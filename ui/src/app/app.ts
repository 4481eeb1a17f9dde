// The app shell: decides which area is shown (first-run setup, welcome, the customer's
// screens, the admin area), owns the header, and runs the session timers:
//  - kiosk mode: the customer is logged out after `kiosk_idle_seconds` without input, with a
//    "Still there?" countdown at the end;
//  - the admin switch relocks after `admin_relock_seconds` without input, the admin area
//    showing a countdown for the last 30 s (this is the only relock clock in the UI);
//  - while someone is active, the backend is told (`touch`) at most every 10 s, so the
//    sessions it holds stay alive exactly as long as the screen is in use.
// The backend holds the sessions; the shell follows what it says (`NotLoggedIn`, `Forbidden`,
// or a `touch` answer without the expected person) and goes back to the right screen.
// On a kiosk PC (the office serves it over the LAN) the shell also watches the office link
// (`link.ts`): the offline banner, bookings paused, and a start retried when the office is back.
// Language: the customer's side follows the welcome screen's switch (i18n/); every log-out
// (button, idle countdown, session ended) goes back to the kiosk's default, and the admin area
// always runs in English (the customer's choice comes back if staff return to their visit).
// The boot and start-error screens are in boot-screens.ts, the "Still there?" dialog in
// idle-countdown.ts; this file decides when they show.
import logoUrl from "../../../icons/128x128.png";
import type { Backend } from "../api/backend";
import { type AdminArea, mountAdmin } from "../admin/index";
import type { AppInfo } from "../gen/AppInfo";
import type { SessionInfo } from "../gen/SessionInfo";
import type { Dialog } from "../lib/dialog";
import { h } from "../lib/dom";
import { button } from "../lib/ui";
import {
  DEFAULT_LANGUAGE,
  defaultLanguage,
  language,
  resetLanguage,
  setDefaultLanguage,
  setLanguage,
  STAFF_LANGUAGE,
  t,
  type Language,
  type MessageKey,
} from "../i18n";
import { confirmScreen, paymentScreen } from "../screens/customer/booking";
import { complaintsScreen } from "../screens/customer/complaints";
import { ALWAYS_ONLINE, type CustomerContext } from "../screens/customer/context";
import { historyScreen } from "../screens/customer/history";
import { homeScreen } from "../screens/customer/home";
import { receiptScreen } from "../screens/customer/receipt";
import { reportScreen } from "../screens/customer/report";
import { kioskNotSetUpScreen } from "../screens/kiosk-not-set-up";
import { setupScreen } from "../screens/setup";
import { welcomeScreen } from "../screens/welcome";
import { tNodes } from "../i18n/nodes";
import { bootErrorScreen, busyScreen } from "./boot-screens";
import { guardBackend } from "./guard";
import { IdleCountdown } from "./idle-countdown";
import { countdownMs, IdleTimer, RELOCK_WARNING_MS, Throttle } from "./idle";
import { LinkWatcher } from "./link";
import { Outlet } from "./router";
import { openStaffDialog } from "./staff-dialog";

/** How often, at most, `touch` tells the backend someone is using the screen. */
export const TOUCH_EVERY_MS = 10_000;

type Area = "boot" | "setup" | "welcome" | "customer" | "admin";

const ACTIVITY_EVENTS = ["keydown", "pointerdown", "touchstart", "wheel"] as const;

/** The catalog lines the welcome screen shows after a visit ended by itself. */
export const NOTICE_IDLE: MessageKey = "notice.idle";
export const NOTICE_EXPIRED: MessageKey = "notice.expired";

export class App {
  private info: AppInfo | null = null;
  private area: Area = "boot";
  /** Changes whenever who is logged in changes: late answers about an older session are ignored. */
  private sessionGen = 0;
  private adminReturn: "welcome" | "customer" = "welcome";
  private admin: AdminArea | null = null;
  private customerName = "";
  /** The customer's language while staff use the admin area (which runs in English). */
  private languageBeforeAdmin: Language = DEFAULT_LANGUAGE;

  private readonly shell: HTMLElement;
  private readonly header: HTMLElement;
  private readonly headerRight: HTMLElement;
  private readonly brandName: HTMLElement;
  private readonly footer: HTMLElement;
  /** "Office offline — bookings paused" / "Update this kiosk" (kiosk PCs only). */
  private readonly linkBanner: HTMLElement;
  private link: LinkWatcher | null = null;
  private linkAsked = false;
  private bootFailed = false;
  private destroyed = false;
  private readonly main: HTMLElement;
  private readonly adminRoot: HTMLElement;
  private readonly outlet: Outlet;

  private kioskIdle: IdleTimer | null = null;
  private relock: IdleTimer | null = null;
  /** The relock clock's idle time, to restart it only when Settings changed it. */
  private relockMs = 0;
  private readonly countdown: IdleCountdown;
  private staffDialog: Dialog | null = null;
  private readonly touchThrottle: Throttle;
  private readonly customerBackend: Backend;
  private readonly adminBackend: Backend;
  private readonly onActivity = (event: Event): void => this.activity(event);
  private readonly onContextMenu = (event: Event): void => event.preventDefault();

  constructor(
    private readonly root: HTMLElement,
    private readonly backend: Backend,
  ) {
    this.customerBackend = guardBackend(backend, ["NotLoggedIn"], () => this.sessionEnded());
    // i18n-ignore: an error code
    this.adminBackend = guardBackend(backend, ["Forbidden"], () => void this.lockAdmin());
    this.touchThrottle = new Throttle(TOUCH_EVERY_MS, () => this.sendTouch());
    this.countdown = new IdleCountdown(root, () => this.stay(), () => void this.logout(null));

    // i18n-ignore: the product's name until the agency's is known, the same in every language
    this.brandName = h("span", { class: "topbar__name", attrs: { "data-testid": "agency-name" } }, "GasDesk");
    this.headerRight = h("div", { class: "topbar__right" });
    this.header = h(
      "header",
      { class: "topbar" },
      h("div", { class: "topbar__brand" }, h("img", { class: "topbar__logo", attrs: { src: logoUrl, alt: "", width: "40", height: "40" } }), this.brandName),
      this.headerRight,
    );
    this.main = h("main", { class: "app__main", id: "main" });
    this.footer = h("footer", { class: "helpline-strip", attrs: { "data-testid": "helpline-strip" } });
    this.linkBanner = h("div", { class: "link-banner", attrs: { role: "alert", "data-testid": "link-banner" } });
    this.linkBanner.hidden = true;
    this.shell = h("div", { class: "app" }, this.header, this.linkBanner, this.main, this.footer);
    this.adminRoot = h("div", { class: "admin-root", attrs: { "data-testid": "admin-root" } });
    this.adminRoot.hidden = true;
    this.root.replaceChildren(this.shell, this.adminRoot);
    this.outlet = new Outlet(this.main, () => this.info?.settings.agency_name ?? "GasDesk");

    for (const type of ACTIVITY_EVENTS) document.addEventListener(type, this.onActivity, { capture: true, passive: true });
  }

  /** Asks the backend how things stand and shows the right first screen. */
  async start(): Promise<void> {
    if (!this.linkAsked) {
      this.linkAsked = true;
      // Answered by this PC's own shell (never the office), so it comes first: it carries the
      // kiosk's `--language`, which the boot lines and a start error must already be in.
      await this.watchLink();
      if (this.destroyed) return;
    }
    this.bootFailed = false;
    this.area = "boot";
    this.renderHeader();
    this.outlet.show(busyScreen("boot.starting", "boot-loading"));
    try {
      this.applyInfo(await this.backend.appInfo());
    } catch (error) {
      this.showBootError(error);
      return;
    }
    const info = this.info;
    if (info === null) return;
    if (!info.settings.is_set_up) this.showSetup();
    else if (info.session.staff !== null) this.enterAdmin(info.session.customer !== null ? "customer" : "welcome");
    else if (info.session.customer !== null) this.enterCustomer(info.session);
    else this.showWelcome();
  }

  /**
   * Learns the kiosk's default language from its own shell and, on a kiosk PC, watches the
   * office link. Asked before `app_info`, which a kiosk PC must get from the office.
   */
  private async watchLink(): Promise<void> {
    try {
      const first = await this.backend.kioskLink();
      setDefaultLanguage(first.language);
      resetLanguage();
      if (first.remote && !this.destroyed) this.link = new LinkWatcher(this.backend, this.linkBanner, first, () => this.officeBack());
    } catch {
      // An older shell without the command, or a test's fake: no link to watch.
    }
  }

  /** The office answers again: a start that failed for want of it is tried again by itself. */
  private officeBack(): void {
    if (this.area === "boot" && this.bootFailed) void this.start();
  }

  /** Removes listeners and timers (tests; the real app lives as long as its window). */
  destroy(): void {
    this.destroyed = true;
    this.link?.stop();
    for (const type of ACTIVITY_EVENTS) document.removeEventListener(type, this.onActivity, { capture: true });
    document.removeEventListener("contextmenu", this.onContextMenu);
    this.stopKioskIdle();
    this.relock?.stop();
    this.touchThrottle.reset();
    this.outlet.clear();
  }

  get currentArea(): Area {
    return this.area;
  }

  private applyInfo(info: AppInfo): void {
    this.info = info;
    // The kiosk's `--language`: the welcome screen starts in it and every log-out returns to it.
    setDefaultLanguage(info.language);
    this.brandName.textContent = info.settings.agency_name;
    document.documentElement.classList.toggle("kiosk", info.kiosk);
    if (info.kiosk) document.addEventListener("contextmenu", this.onContextMenu);
    else document.removeEventListener("contextmenu", this.onContextMenu);
    this.renderFooter();
  }

  /** The helpline strip, in the current language. */
  private renderFooter(): void {
    if (this.info === null) return;
    this.footer.replaceChildren(
      h("span", { class: "helpline-strip__icon", attrs: { "aria-hidden": "true" } }, "⚠"),
      ...tNodes("shell.helplineStrip", { number: h("strong", { class: "helpline-strip__number" }, this.info.settings.emergency_helpline) }),
    );
  }

  private settings(): AppInfo["settings"] {
    if (this.info === null) throw new Error("GasDesk: settings used before start");
    return this.info.settings;
  }

  private showBootError(error: unknown): void {
    this.bootFailed = true;
    this.outlet.show(bootErrorScreen(error, () => void this.start()));
  }

  // ----- header -------------------------------------------------------------------------

  private renderHeader(): void {
    const right: Node[] = [];
    if (this.area === "customer") {
      right.push(
        h("span", { class: "topbar__user", attrs: { "data-testid": "current-user" } }, ...tNodes("shell.loggedInAs", { name: h("span", { class: "topbar__user-name" }, this.customerName) })),
        button(t("shell.logout"), () => void this.logout(null), { testid: "logout", class: "topbar__logout" }),
      );
    }
    if (this.area === "welcome" || this.area === "customer") {
      right.push(
        button(t("shell.staff"), () => this.openStaff(), {
          variant: "ghost",
          testid: "admin-switch",
          class: "topbar__staff",
          // No aria-label: the accessible name stays the visible "Staff / स्टाफ़" (WCAG 2.5.3,
          // label in name); the title says what it does, and is read as its description.
          attrs: { title: t("shell.staffLabel") },
        }),
      );
    }
    this.headerRight.replaceChildren(...right);
  }

  // ----- areas --------------------------------------------------------------------------

  private showSetup(): void {
    this.area = "setup";
    this.renderHeader();
    if (this.info?.kiosk === true) this.outlet.show(kioskNotSetUpScreen(() => void this.start()));
    else this.outlet.show(setupScreen({ backend: this.backend, onDone: () => this.enterAdmin("welcome") }));
  }

  /**
   * The welcome screen; `notice` says why a visit ended. The language goes back to the kiosk's
   * default, unless the screen is drawn again after the switch (`switched`: the username typed
   * so far is kept). A switch left alone for the kiosk's idle time goes back too, so the next
   * customer does not meet the last one's language.
   */
  private showWelcome(notice?: MessageKey, switched?: { username: string }): void {
    const keepLanguage = switched !== undefined;
    if (!keepLanguage) {
      resetLanguage();
      this.renderFooter();
    }
    this.area = "welcome";
    this.customerName = "";
    this.stopKioskIdle();
    this.renderHeader();
    const info = this.info;
    if (info === null) return;
    this.outlet.show(
      welcomeScreen({
        backend: this.backend,
        settings: info.settings,
        kiosk: info.kiosk,
        ...(notice !== undefined ? { notice: () => t(notice) } : {}),
        onLoggedIn: (session) => void this.refreshThenEnter(session),
        // The same screen again in the chosen language, with the username as typed.
        onLanguage: (_lang, username) => {
          this.renderFooter();
          this.showWelcome(notice, { username });
        },
        ...(switched !== undefined ? { username: switched.username } : {}),
      }),
    );
    if (language() !== defaultLanguage()) this.startWelcomeIdle();
  }

  /** After the idle time untouched on the welcome screen in another language, back to the default. */
  private startWelcomeIdle(): void {
    const info = this.info;
    if (info === null) return;
    this.kioskIdle = new IdleTimer({
      idleMs: Math.max(1, info.settings.kiosk_idle_seconds) * 1000,
      warnMs: 0,
      onIdle: () => {
        if (this.area === "welcome" && language() !== defaultLanguage()) this.showWelcome();
      },
    });
    this.kioskIdle.start();
  }

  /**
   * After a log-in, reads the settings again (staff may have changed the price, the idle time
   * or the helpline from the office since this window started), then shows the home screen.
   */
  private async refreshThenEnter(session: SessionInfo): Promise<void> {
    try {
      this.applyInfo(await this.backend.appInfo());
    } catch {
      // The settings read at start-up will do.
    }
    this.enterCustomer(session);
  }

  private enterCustomer(session: SessionInfo): void {
    this.sessionGen += 1;
    this.area = "customer";
    this.customerName = session.customer?.username ?? "";
    this.renderHeader();
    this.startKioskIdle();
    this.customerContext().go.home();
  }

  private customerContext(): CustomerContext {
    const info = this.info;
    if (info === null) throw new Error("GasDesk: customer screens before start");
    const ctx: CustomerContext = {
      backend: this.customerBackend,
      settings: info.settings,
      kiosk: info.kiosk,
      gateway: info.gateway,
      link: this.link ?? ALWAYS_ONLINE,
      go: {
        home: () => this.outlet.show(homeScreen(ctx)),
        book: (typeId) => this.outlet.show(confirmScreen(ctx, typeId)),
        pay: (choice) => this.outlet.show(paymentScreen(ctx, choice)),
        receipt: (receipt, fresh) => this.outlet.show(receiptScreen(ctx, receipt, fresh)),
        report: () => this.outlet.show(reportScreen(ctx)),
        complaints: () => this.outlet.show(complaintsScreen(ctx)),
        history: (tab) => this.outlet.show(historyScreen(ctx, tab)),
        logout: () => void this.logout(null),
      },
    };
    return ctx;
  }

  /** The customer leaves (button, or the kiosk's idle timeout). */
  private async logout(notice: MessageKey | null): Promise<void> {
    if (this.area !== "customer") return;
    this.sessionGen += 1;
    this.stopKioskIdle();
    this.touchThrottle.reset();
    try {
      await this.backend.customerLogout();
    } catch {
      // Whatever the backend says, this screen shows no customer's data any more.
    }
    this.showWelcome(notice ?? undefined);
  }

  /** The backend says the customer is no longer logged in (timed out in Rust). */
  private sessionEnded(): void {
    if (this.area !== "customer") return;
    this.sessionGen += 1;
    this.touchThrottle.reset();
    this.showWelcome(NOTICE_EXPIRED);
  }

  private openStaff(): void {
    if (this.staffDialog?.open === true) return;
    this.staffDialog = openStaffDialog(this.root, this.backend, () => {
      this.staffDialog = null;
      this.enterAdmin(this.area === "customer" ? "customer" : "welcome");
    });
  }

  private enterAdmin(returnTo: "welcome" | "customer"): void {
    this.adminReturn = returnTo;
    this.languageBeforeAdmin = language();
    // Staff work in English whatever the kiosk's default (a Hindi kiosk's too).
    setLanguage(STAFF_LANGUAGE);
    this.renderFooter();
    this.area = "admin";
    this.sessionGen += 1;
    this.stopKioskIdle();
    this.outlet.clear();
    this.shell.hidden = true;
    this.adminRoot.hidden = false;
    this.adminRoot.replaceChildren();
    const admin = mountAdmin(this.adminRoot, {
      backend: this.adminBackend,
      kiosk: this.info?.kiosk ?? false,
      onLock: () => void this.lockAdmin(),
      onRelockSeconds: (seconds) => this.startRelock(seconds),
    });
    this.admin = admin;
    this.startRelock(this.settings().admin_relock_seconds);
  }

  /** (Re)starts the one relock clock; a new relock time from Settings restarts it at once. */
  private startRelock(seconds: number): void {
    const idleMs = Math.max(1, seconds) * 1000;
    if (this.area !== "admin" || this.admin === null || idleMs === this.relockMs) return;
    const admin = this.admin;
    this.relock?.stop();
    this.relockMs = idleMs;
    this.relock = new IdleTimer({
      idleMs,
      warnMs: RELOCK_WARNING_MS,
      onWarn: (secondsLeft) => admin.idleWarning(secondsLeft),
      onResume: () => admin.idleWarning(null),
      onIdle: () => void this.lockAdmin(),
    });
    this.relock.start();
  }

  /** Relocks the admin switch (Lock button, idle, or the backend refusing) and goes back. */
  private async lockAdmin(): Promise<void> {
    if (this.area !== "admin") return;
    this.area = "boot";
    this.sessionGen += 1;
    this.relock?.stop();
    this.relock = null;
    this.relockMs = 0;
    try {
      this.admin?.cleanup();
    } catch (error) {
      console.error("GasDesk: the admin area failed to clean up", error);
    }
    this.admin = null;
    this.adminRoot.replaceChildren();
    this.adminRoot.hidden = true;
    this.shell.hidden = false;
    this.outlet.show(busyScreen("boot.locking", "lock-loading"));
    try {
      await this.backend.staffLock();
    } catch {
      // Locked or not, the admin area is gone from the screen; the backend checks every command.
    }
    let info: AppInfo;
    try {
      info = await this.backend.appInfo();
    } catch (error) {
      this.showBootError(error);
      return;
    }
    this.applyInfo(info);
    if (this.adminReturn === "customer" && info.session.customer !== null) {
      setLanguage(this.languageBeforeAdmin);
      this.renderFooter();
      this.enterCustomer(info.session);
    } else this.showWelcome();
  }

  // ----- timers -------------------------------------------------------------------------

  private startKioskIdle(): void {
    this.stopKioskIdle();
    const info = this.info;
    if (info === null || !info.kiosk) return;
    const idleSeconds = Math.max(1, info.settings.kiosk_idle_seconds);
    this.kioskIdle = new IdleTimer({
      idleMs: idleSeconds * 1000,
      warnMs: countdownMs(idleSeconds),
      onWarn: (seconds) => this.countdown.show(seconds),
      onResume: () => this.countdown.hide(),
      onIdle: () => {
        this.countdown.hide();
        void this.logout(NOTICE_IDLE);
      },
    });
    this.kioskIdle.start();
  }

  private stopKioskIdle(): void {
    this.kioskIdle?.stop();
    this.kioskIdle = null;
    this.countdown.hide();
  }

  private stay(): void {
    this.kioskIdle?.activity();
    this.countdown.hide();
    this.touchThrottle.poke();
  }

  private activity(event: Event): void {
    // Inside the countdown its own buttons decide (so "Log out now" is not read as "stay").
    if (this.countdown.contains(event.target)) return;
    this.kioskIdle?.activity();
    this.relock?.activity();
    if (this.area === "customer" || this.area === "admin") this.touchThrottle.poke();
  }

  private sendTouch(): void {
    const gen = this.sessionGen;
    const area = this.area;
    this.backend.touch().then(
      (session) => {
        if (gen !== this.sessionGen || area !== this.area) return;
        if (area === "customer" && session.customer === null) this.sessionEnded();
        if (area === "admin" && session.staff === null) void this.lockAdmin();
      },
      () => {
        // A failed touch changes nothing: the next command will say how things stand.
      },
    );
  }
}

/** Starts the app in `root`. */
export function startApp(root: HTMLElement, backend: Backend): App {
  const app = new App(root, backend);
  void app.start();
  return app;
}
