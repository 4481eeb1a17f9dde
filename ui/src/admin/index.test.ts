// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/error";
import { appInfo, byTestId, damagedHealth, fakeBackend, queryTestId, settle } from "../testing/fake-backend";
import { mountAdmin } from "./index";
import { complaint, dashboard, pageOf, typeStock } from "./test-support";

function mountWith(overrides: Parameters<typeof fakeBackend>[0] = {}, kiosk = false) {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  const onLock = vi.fn();
  const backend = fakeBackend({
    appInfo: () => Promise.resolve(appInfo({ session: { customer: null, staff: { id: 1, username: "admin" } } })),
    dashboard: () => Promise.resolve(dashboard()),
    staffLock: vi.fn(() => Promise.resolve({ customer: null, staff: null })),
    ...overrides,
  });
  const onRelockSeconds = vi.fn();
  const area = mountAdmin(root, { backend, kiosk, onLock, onRelockSeconds });
  return { root, onLock, onRelockSeconds, backend, area };
}

describe("the admin area", () => {
  it("opens on the dashboard with the stock, revenue and the gas-leak count", async () => {
    const { root } = mountWith();
    await settle();
    expect(byTestId(root, "nav-dashboard").getAttribute("aria-current")).toBe("page");
    expect(byTestId(root, "dashboard-filled-value").textContent).toBe("40");
    expect(byTestId(root, "dashboard-revenue-month-value").textContent).toBe("₹1,25,000.00");
    expect(byTestId(root, "dashboard-gas-leaks").textContent).toContain("1 open gas leak complaint");
    expect(byTestId(root, "admin-user").textContent).toBe("Staff: admin");
    expect(byTestId(root, "nav-complaints-leaks").textContent).toBe("1");
    expect(queryTestId(root, "dashboard-low-stock")).toBeNull();
  });

  it("warns about low stock", async () => {
    const low = dashboard({
      low_stock: true,
      stock: { filled: 3, assigned: 1, empty: 9, reserved: 0 },
      stock_by_type: [typeStock(1, "14.2 kg domestic", { filled: 3, available: 3, low: true })],
    });
    const { root } = mountWith({ dashboard: () => Promise.resolve(low) });
    await settle();
    expect(byTestId(root, "dashboard-low-stock").textContent).toContain("14.2 kg domestic: only 3 ready to hand out");
  });

  it("says how many refunds the gateway has not confirmed, and nothing when there are none", async () => {
    const { root } = mountWith({ dashboard: () => Promise.resolve(dashboard({ refunds_needing_attention: 2 })) });
    await settle();
    expect(byTestId(root, "dashboard-refunds").textContent).toContain("2 refunds need attention");
    const calm = mountWith();
    await settle();
    expect(queryTestId(calm.root, "dashboard-refunds")).toBeNull();
  });

  it("shows a red banner when the database is damaged, with the newest backup and how to restore it", async () => {
    const { root } = mountWith({ databaseHealth: () => Promise.resolve(damagedHealth()) });
    await settle();
    const banner = byTestId(root, "dashboard-damaged");
    expect(banner.classList.contains("admin-alert--danger")).toBe(true);
    expect(banner.textContent).toContain("The database is damaged");
    expect(banner.textContent).toContain("Bookings are paused");
    expect(banner.textContent).toContain("Tree 12 page 12");
    expect(byTestId(root, "dashboard-damaged-backup").textContent).toBe("/data/backups/gasdesk-20250312-050000.db");
    expect(byTestId(root, "dashboard-damaged-restore").textContent).toBe('gasdesk restore --db "/data/gasdesk.db" --from "/data/backups/gasdesk-20250312-050000.db"');
    byTestId(root, "dashboard-damaged-go").click();
    await settle();
    expect(byTestId(root, "nav-backups").getAttribute("aria-current")).toBe("page");
  });

  it("says no backup is recorded when the damaged database has none, and shows no banner when it is sound", async () => {
    const { root } = mountWith({
      databaseHealth: () => Promise.resolve(damagedHealth({ last_backup: null, restore_command: 'gasdesk restore --db "/data/gasdesk.db" --from <backup file>' })),
    });
    await settle();
    expect(byTestId(root, "dashboard-damaged").textContent).toContain("no backup is recorded");
    expect(queryTestId(root, "dashboard-damaged-backup")).toBeNull();
    const sound = mountWith({ databaseHealth: () => Promise.resolve(damagedHealth({ damaged: false, problem: null, last_backup: null, restore_command: null })) });
    await settle();
    expect(queryTestId(sound.root, "dashboard-damaged")).toBeNull();
  });

  it("moves between screens from the navigation", async () => {
    const { root } = mountWith({ complaintQueue: () => pageOf([complaint(1)]) });
    await settle();
    byTestId(root, "nav-complaints").click();
    await settle();
    expect(byTestId(root, "screen-complaints")).toBeTruthy();
    expect(byTestId(root, "nav-complaints").getAttribute("aria-current")).toBe("page");
    expect(byTestId(root, "nav-dashboard").hasAttribute("aria-current")).toBe(false);
  });

  it("offers the Kiosks screen at the office, after the others", async () => {
    const { root } = mountWith({ kioskServer: () => Promise.reject(new ApiError("Internal", "not now")), listKiosks: () => Promise.resolve([]) });
    await settle();
    const nav = [...root.querySelectorAll("[data-testid^='nav-']:not([data-testid='nav-complaints-leaks'])")].map((b) => b.getAttribute("data-testid"));
    expect(nav).toEqual(["nav-dashboard", "nav-inventory", "nav-types", "nav-bookings", "nav-complaints", "nav-customers", "nav-settings", "nav-backups", "nav-audit", "nav-kiosks"]);
    // The tenth screen opens with Alt+0, as its title says.
    expect(byTestId(root, "nav-kiosks").title).toBe("Kiosks (Alt+0)");
    byTestId(root, "admin").dispatchEvent(new KeyboardEvent("keydown", { key: "0", altKey: true, bubbles: true }));
    await settle();
    expect(byTestId(root, "screen-kiosks")).toBeTruthy();
  });

  it("at a kiosk offers no office-only screen (Settings, Backups, Kiosks), by click, shortcut or link", async () => {
    const { root } = mountWith(
      {
        databaseHealth: () => Promise.resolve(damagedHealth()),
        dashboard: () => Promise.resolve(dashboard({ last_good_backup_at: null })),
        complaintQueue: () => pageOf([complaint(1)]),
        auditLog: () => pageOf([]),
      },
      true,
    );
    await settle();
    const nav = [...root.querySelectorAll("[data-testid^='nav-']:not([data-testid='nav-complaints-leaks'])")].map((b) => b.getAttribute("data-testid"));
    expect(nav).toEqual(["nav-dashboard", "nav-inventory", "nav-types", "nav-bookings", "nav-complaints", "nav-customers", "nav-audit"]);
    // The dashboard's banners name the office PC's Backups screen but link to none here.
    expect(byTestId(root, "dashboard-damaged").textContent).toContain("office PC's Backups screen");
    expect(queryTestId(root, "dashboard-damaged-go")).toBeNull();
    expect(queryTestId(root, "dashboard-backup-go")).toBeNull();
    // Alt+7 is the seventh screen offered here, the audit log; Alt+8 and Alt+9 open nothing.
    for (const key of ["8", "9"]) {
      byTestId(root, "admin").dispatchEvent(new KeyboardEvent("keydown", { key, altKey: true, bubbles: true }));
      await settle();
      expect(byTestId(root, "nav-dashboard").getAttribute("aria-current")).toBe("page");
    }
    byTestId(root, "admin").dispatchEvent(new KeyboardEvent("keydown", { key: "7", altKey: true, bubbles: true }));
    await settle();
    expect(byTestId(root, "nav-audit").getAttribute("aria-current")).toBe("page");
    expect(queryTestId(root, "screen-settings")).toBeNull();
    expect(queryTestId(root, "screen-backups")).toBeNull();
    expect(queryTestId(root, "screen-kiosks")).toBeNull();
  });

  it("Lock relocks the switch in the backend, clears the screens and hands back to the shell", async () => {
    const { root, onLock, backend } = mountWith();
    await settle();
    byTestId(root, "admin-lock").click();
    await settle();
    expect(backend.staffLock).toHaveBeenCalledTimes(1);
    expect(onLock).toHaveBeenCalledTimes(1);
    expect(queryTestId(root, "admin")).toBeNull();
  });

  it("a Forbidden answer leaves the relock to the shell (no second guard here)", async () => {
    const forbidden = () => Promise.reject(new ApiError("Forbidden", "You are not allowed to do that."));
    const { root, onLock } = mountWith({ dashboard: forbidden });
    await settle();
    // The shell's backend relocks on Forbidden (app.test.ts); the area itself does not act twice.
    expect(onLock).not.toHaveBeenCalled();
    expect(queryTestId(root, "admin")).not.toBeNull();
  });

  it("shows the shell's relock countdown, hides it again, and its cleanup takes the area down", async () => {
    const { root, area, onLock } = mountWith();
    await settle();
    const warning = byTestId(root, "admin-idle-warning");
    expect(warning.hidden).toBe(true);
    area.idleWarning(25);
    expect(warning.hidden).toBe(false);
    expect(warning.textContent).toContain("locks in 25 s");
    area.idleWarning(null);
    expect(warning.hidden).toBe(true);
    area.cleanup();
    expect(queryTestId(root, "admin")).toBeNull();
    expect(onLock).not.toHaveBeenCalled();
    area.idleWarning(5);
    expect(warning.hidden).toBe(true);
  });
});
