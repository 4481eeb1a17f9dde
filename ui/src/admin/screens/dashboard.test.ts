// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { byTestId, queryTestId, settle } from "../../testing/fake-backend";
import { dashboard, screenContext, show, typeStock } from "../test-support";
import { dashboardScreen } from "./dashboard";

function shown(d: ReturnType<typeof dashboard>) {
  const { ctx, host, navigate } = screenContext({ dashboard: () => Promise.resolve(d) });
  show(host, dashboardScreen(ctx).el);
  return { host, navigate };
}

describe("the dashboard's backup status", () => {
  it("shows when the last good backup was made, with no warning while it is recent", async () => {
    const { host } = shown(dashboard());
    await settle();
    expect(byTestId(host, "dashboard-last-backup-value").textContent).not.toBe("None yet");
    expect(queryTestId(host, "dashboard-backup-warning")).toBeNull();
  });

  it("warns when there has never been a backup, and links to the Backups screen", async () => {
    const { host, navigate } = shown(dashboard({ last_good_backup_at: null, backup_overdue: true }));
    await settle();
    expect(byTestId(host, "dashboard-backup-warning").textContent).toContain("no backup has been made yet");
    expect(byTestId(host, "dashboard-last-backup-value").textContent).toBe("None yet");
    byTestId(host, "dashboard-backup-go").click();
    expect(navigate).toHaveBeenCalledWith("backups");
  });

  it("warns when the last good backup is more than a day old", async () => {
    const { host } = shown(dashboard({ backup_overdue: true }));
    await settle();
    expect(byTestId(host, "dashboard-backup-warning").textContent).toContain("more than a day ago");
  });

  it("says in plain words why the last backup failed", async () => {
    const error = "The backup folder E:\\GasDesk backups is a file, not a folder. Choose another folder in Settings.";
    const { host } = shown(dashboard({ last_backup_error: error }));
    await settle();
    const warning = byTestId(host, "dashboard-backup-warning").textContent ?? "";
    expect(warning).toContain(`the last backup failed: ${error}`);
    expect(warning).toContain("The last good backup was made");
    expect(byTestId(host, "dashboard-last-backup").className).toContain("admin-tile--warning");
  });
});

describe("the dashboard's stock per type", () => {
  it("shows each type's filled, with customers, empty, available and held-or-due, next to the overall figures", async () => {
    const { host, navigate } = shown(
      dashboard({
        stock_by_type: [
          typeStock(1, "14.2 kg domestic", { filled: 32, assigned: 28, empty: 3, available: 29, held_or_due: 2 }),
          typeStock(3, "19 kg commercial", { filled: 6, assigned: 1, empty: 0, available: 5, held_or_due: 1 }),
        ],
      }),
    );
    await settle();
    expect(byTestId(host, "dashboard-filled-value").textContent).toBe("40");
    const cells = (id: number) => ["filled", "assigned", "empty", "available", "held-or-due"].map((k) => byTestId(host, `dashboard-type-${id}-${k}`).textContent);
    expect(cells(1)).toEqual(["32", "28", "3", "29", "2"]);
    expect(cells(3)).toEqual(["6", "1", "0", "5", "1"]);
    expect(byTestId(host, "dashboard-type-3").textContent).toContain("19 kg commercial");
    expect(queryTestId(host, "dashboard-type-1-low")).toBeNull();
    // Each figure opens the inventory on those cylinders.
    byTestId(host, "dashboard-type-3-held-or-due").click();
    expect(navigate).toHaveBeenLastCalledWith("inventory", { typeId: 3, attention: true });
    byTestId(host, "dashboard-type-1-empty").click();
    expect(navigate).toHaveBeenLastCalledWith("inventory", { typeId: 1, cylinderStatus: "Empty" });
  });

  it("warns about the type that is low, by name, and links to its empties", async () => {
    const { host, navigate } = shown(
      dashboard({
        low_stock: true,
        low_stock_threshold: 10,
        stock_by_type: [typeStock(1, "14.2 kg domestic", { available: 29 }), typeStock(2, "5 kg domestic", { available: 3, low: true })],
      }),
    );
    await settle();
    expect(byTestId(host, "dashboard-low-stock").textContent).toContain("5 kg domestic: only 3 ready to hand out (warning below 10)");
    expect(byTestId(host, "dashboard-low-stock").textContent).not.toContain("14.2 kg");
    expect(byTestId(host, "dashboard-type-2-low").textContent).toBe("low stock");
    expect(byTestId(host, "dashboard-type-2").classList.contains("admin-row--low")).toBe(true);
    expect(queryTestId(host, "dashboard-type-1-low")).toBeNull();
    byTestId(host, "dashboard-low-stock-go").click();
    expect(navigate).toHaveBeenCalledWith("inventory", { cylinderStatus: "Empty", typeId: 2 });
  });

  it("with no type low, shows no warning", async () => {
    const { host } = shown(dashboard());
    await settle();
    expect(queryTestId(host, "dashboard-low-stock")).toBeNull();
  });
});

describe("the dashboard's trade warnings", () => {
  it("warns when invoices go out without the seller's details, and opens Settings", async () => {
    const { host, navigate } = shown(dashboard({ seller_details_missing: true }));
    await settle();
    expect(byTestId(host, "dashboard-seller-missing").textContent).toContain("GSTIN");
    byTestId(host, "dashboard-seller-go").click();
    expect(navigate).toHaveBeenCalledWith("settings");
  });

  it("has no such warning once they are entered, and links each type's cylinders with no test date", async () => {
    const { host, navigate } = shown(dashboard({ stock_by_type: [typeStock(1, "14.2 kg domestic", { undated: 40 })] }));
    await settle();
    expect(queryTestId(host, "dashboard-seller-missing")).toBeNull();
    expect(byTestId(host, "dashboard-type-1-undated").textContent).toBe("40");
    byTestId(host, "dashboard-type-1-undated").click();
    expect(navigate).toHaveBeenCalledWith("inventory", { typeId: 1, undated: true });
  });
});
