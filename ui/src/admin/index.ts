// The admin (staff) area, shown by the shell once the admin switch is unlocked: a left
// navigation over its screens (at a kiosk, without the office-only ones the backend refuses
// there), the Lock button, and the idle warning. Rust holds the session:
// every staff command fails with `Forbidden` once the switch is locked. The shell watches the
// session for the area (its idle relock timer, and the backend it passes in, which relocks on
// `Forbidden`); it tells the area when to warn and takes it down with `cleanup`.
import type { Backend } from "../api/backend";
import { h } from "../lib/dom";
import type { Screen } from "../lib/screen";
import { debounce } from "../lib/ui";
import "./admin.css";
import type { NavHint, ScreenContext, ScreenId } from "./context";
import { auditScreen } from "./screens/audit";
import { backupsScreen } from "./screens/backups";
import { bookingsScreen } from "./screens/bookings";
import { complaintsScreen } from "./screens/complaints";
import { customersScreen } from "./screens/customers";
import { cylinderTypesScreen } from "./screens/cylinder-types";
import { dashboardScreen } from "./screens/dashboard";
import { inventoryScreen } from "./screens/inventory";
import { kiosksScreen } from "./screens/kiosks";
import { settingsScreen } from "./screens/settings";

export interface AdminContext {
  /** The shell's backend for staff: a `Forbidden` from any command relocks and ends the area. */
  backend: Backend;
  kiosk: boolean;
  /** The area wants to close (Lock button, or the switch found locked): the shell relocks. */
  onLock: () => void;
  /** The relock time as the backend now has it (read on open and after every save), so the
   *  shell's one relock clock follows a change made in Settings at once, as the backend does. */
  onRelockSeconds: (seconds: number) => void;
}

/** What the shell holds of the admin area while it is shown. */
export interface AdminArea {
  /** Shows the relock countdown with the whole seconds left, or hides it (null). */
  idleWarning(secondsLeft: number | null): void;
  /** Takes the area down (screens disposed, listeners removed) without telling the shell. */
  cleanup(): void;
}

interface NavItem {
  id: ScreenId;
  label: string;
  /** Office work (settings, backups, kiosks): the backend refuses it at any kiosk. */
  officeOnly?: true;
  open(ctx: ScreenContext, hint: NavHint): Screen;
}

const NAV: readonly NavItem[] = [
  { id: "dashboard", label: "Dashboard", open: (ctx) => dashboardScreen(ctx) },
  { id: "inventory", label: "Inventory", open: (ctx, hint) => inventoryScreen(ctx, hint) },
  { id: "types", label: "Cylinder types", open: (ctx) => cylinderTypesScreen(ctx) },
  { id: "bookings", label: "Bookings", open: (ctx, hint) => bookingsScreen(ctx, hint) },
  { id: "complaints", label: "Complaints", open: (ctx) => complaintsScreen(ctx) },
  { id: "customers", label: "Customers", open: (ctx) => customersScreen(ctx) },
  { id: "settings", label: "Settings", officeOnly: true, open: (ctx) => settingsScreen(ctx) },
  { id: "backups", label: "Backups", officeOnly: true, open: (ctx) => backupsScreen(ctx) },
  { id: "audit", label: "Audit log", open: (ctx, hint) => auditScreen(ctx, hint) },
  { id: "kiosks", label: "Kiosks", officeOnly: true, open: (ctx) => kiosksScreen(ctx) },
];

/** The digit that opens the screen at `index` with Alt: 1–9, then 0 for the tenth. */
function shortcutKey(index: number): string {
  return String((index + 1) % 10);
}

/** Shows the admin area in `root` (replacing what was there). */
export function mountAdmin(root: HTMLElement, ctx: AdminContext): AdminArea {
  let locked = false;
  let current: Screen | null = null;
  let currentId: ScreenId = "dashboard";
  const backend = ctx.backend;
  const screens = NAV.filter((item) => !(ctx.kiosk && item.officeOnly === true));
  const main = h("main", { class: "admin-main", id: "admin-main", attrs: { tabindex: "-1", "data-testid": "admin-main" } });
  const leakBadge = h("span", { class: "badge badge--gas-leak admin-nav__count", attrs: { "data-testid": "nav-complaints-leaks" } });
  leakBadge.hidden = true;
  const who = h("span", { class: "admin-bar__who", attrs: { "data-testid": "admin-user" } });
  const agency = h("span", { class: "admin-bar__agency" });
  const warningLine = h("div", { class: "admin-idle", attrs: { role: "status", "data-testid": "admin-idle-warning" } });
  warningLine.hidden = true;

  const lock = h("button", { class: "btn admin-lock", attrs: { type: "button", "data-testid": "admin-lock", title: "Lock the admin switch (Alt+L)" } }, "Lock");
  lock.addEventListener("click", () => void lockNow());

  const navButtons = new Map<ScreenId, HTMLButtonElement>();
  const nav = h(
    "nav",
    { class: "admin-nav", attrs: { "aria-label": "Admin screens" } },
    h(
      "ul",
      {},
      ...screens.map((item, index) => {
        const b = h(
          "button",
          { class: "admin-nav__item", attrs: { type: "button", "data-testid": `nav-${item.id}`, title: `${item.label} (Alt+${shortcutKey(index)})` } },
          h("span", {}, item.label),
        );
        if (item.id === "complaints") b.append(leakBadge);
        b.addEventListener("click", () => show(item.id));
        navButtons.set(item.id, b);
        return h("li", {}, b);
      }),
    ),
  );

  const shell = h(
    "div",
    { class: `admin${ctx.kiosk ? " admin--kiosk" : ""}`, attrs: { "data-testid": "admin" } },
    h(
      "header",
      { class: "admin-bar" },
      h("a", { class: "admin-skip", attrs: { href: "#admin-main" } }, "Skip to the screen"),
      h("span", { class: "admin-bar__title" }, "GasDesk · Staff"),
      agency,
      ctx.kiosk ? h("span", { class: "badge badge--kiosk", attrs: { "data-testid": "admin-kiosk" } }, "Kiosk: lock before you leave") : "",
      h("span", { class: "admin-bar__spacer" }),
      who,
      lock,
    ),
    warningLine,
    h("div", { class: "admin-body" }, nav, main),
  );

  const screenCtx: ScreenContext = {
    backend,
    kiosk: ctx.kiosk,
    host: shell,
    navigate: (to, hint) => show(to, hint),
    changed: debounce(() => void refreshFacts(), 300),
  };

  function show(id: ScreenId, hint: NavHint = {}): void {
    if (locked) return;
    const item = screens.find((n) => n.id === id);
    if (item === undefined) return;
    current?.dispose?.();
    for (const d of shell.querySelectorAll("dialog")) d.remove();
    currentId = id;
    for (const [navId, b] of navButtons) {
      if (navId === id) b.setAttribute("aria-current", "page");
      else b.removeAttribute("aria-current");
    }
    current = item.open(screenCtx, hint);
    main.replaceChildren(current.el);
    current.el.querySelector<HTMLElement>(".admin-screen__title")?.focus();
  }

  /** Facts shown outside the screens: who is unlocked, the agency, open gas leaks. */
  async function refreshFacts(): Promise<void> {
    try {
      const info = await backend.appInfo();
      agency.textContent = info.settings.agency_name;
      ctx.onRelockSeconds(info.settings.admin_relock_seconds);
      who.textContent = info.session.staff === null ? "" : `Staff: ${info.session.staff.username}`;
      if (info.session.staff === null) {
        closeAndHandBack();
        return;
      }
    } catch {
      // Not essential; the commands themselves report trouble.
    }
    try {
      const leaks = (await backend.dashboard()).open_gas_leaks;
      leakBadge.textContent = String(leaks);
      leakBadge.title = `${leaks} open gas leak complaint${leaks === 1 ? "" : "s"}`;
      leakBadge.hidden = leaks === 0;
    } catch {
      // Forbidden has already relocked (the shell's backend); anything else leaves the badge.
    }
  }

  function idleWarning(secondsLeft: number | null): void {
    if (locked) return;
    warningLine.hidden = secondsLeft === null;
    warningLine.textContent =
      secondsLeft === null ? "" : `No activity: the admin switch locks in ${secondsLeft} s. Press a key or click anywhere to stay.`;
  }

  const shortcuts = (event: KeyboardEvent) => {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "l" || event.key === "L") {
      event.preventDefault();
      void lockNow();
      return;
    }
    // Alt+1 … Alt+9 open the first nine screens, Alt+0 the tenth (as on a keyboard's top row).
    const n = event.key === "0" ? 10 : Number(event.key);
    const item = Number.isInteger(n) && n >= 1 ? screens[n - 1] : undefined;
    if (item !== undefined) {
      event.preventDefault();
      show(item.id);
    }
  };
  shell.addEventListener("keydown", shortcuts);

  function stop(): void {
    locked = true;
    shell.removeEventListener("keydown", shortcuts);
    current?.dispose?.();
    current = null;
  }

  /** Locked (by us or by the backend): take every admin screen down, then tell the shell. */
  function closeAndHandBack(): void {
    if (locked) return;
    stop();
    shell.remove();
    ctx.onLock();
  }

  async function lockNow(): Promise<void> {
    if (locked) return;
    lock.disabled = true;
    try {
      await ctx.backend.staffLock();
    } catch {
      // Locked or not, the screens close: the backend refuses staff commands once it relocks.
    }
    closeAndHandBack();
  }

  root.replaceChildren(shell);
  show(currentId);
  void refreshFacts();
  return {
    idleWarning,
    cleanup() {
      stop();
      shell.remove();
    },
  };
}
