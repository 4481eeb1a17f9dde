// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { byTestId, queryTestId, settle } from "../../testing/fake-backend";
import { dashboard, screenContext, show } from "../test-support";
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
