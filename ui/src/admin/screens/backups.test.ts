// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/error";
import type { BackupFile } from "../../gen/BackupFile";
import type { BackupFolder } from "../../gen/BackupFolder";
import { byTestId, queryTestId, settle } from "../../testing/fake-backend";
import { screenContext, show, type } from "../test-support";
import { PROGRESS_EVERY_MS, backupsScreen } from "./backups";

const FOLDER = "/data/backups";

function backup(name: string, made_at: string, size_bytes: number): BackupFile {
  return { name, path: `${FOLDER}/${name}`, made_at, size_bytes };
}

const newest = backup("gasdesk-20250312-050000.db", "2025-03-12T05:00:00Z", 2_516_582);
const older = backup("gasdesk-20250311-050000.db", "2025-03-11T05:00:00Z", 900);

function folder(backups: BackupFile[] = [newest, older]): Promise<BackupFolder> {
  return Promise.resolve({ folder: FOLDER, backups });
}

function openRestore(host: HTMLElement, name: string): void {
  byTestId(host, `backup-restore-${name}`).click();
}

describe("the Backups screen", () => {
  it("lists GasDesk's backups in the folder, newest first, with their time and size", async () => {
    const { ctx, host } = screenContext({ listBackups: () => folder() });
    show(host, backupsScreen(ctx).el);
    await settle();
    expect(byTestId(host, "backups-folder").textContent).toBe(FOLDER);
    const rows = [...host.querySelectorAll("[data-testid^='backup-row-']")].map((r) => r.getAttribute("data-testid"));
    expect(rows).toEqual([`backup-row-${newest.name}`, `backup-row-${older.name}`]);
    expect(byTestId(host, `backup-row-${newest.name}`).textContent).toContain("2.4 MB");
    expect(byTestId(host, `backup-row-${older.name}`).textContent).toContain("900 bytes");
  });

  it("says so when the folder has no backups yet", async () => {
    const { ctx, host } = screenContext({ listBackups: () => folder([]) });
    show(host, backupsScreen(ctx).el);
    await settle();
    expect(byTestId(host, "backups-table").textContent).toContain("No backups in this folder yet.");
  });

  it("backs up now with the button busy meanwhile, then shows the file and lists it", async () => {
    let finish: (b: BackupFile) => void = () => undefined;
    const backUpNow = vi.fn(() => new Promise<BackupFile>((resolve) => (finish = resolve)));
    const listBackups = vi.fn(() => folder([older])).mockImplementationOnce(() => folder([older])).mockImplementation(() => folder());
    const { ctx, host } = screenContext({ listBackups, backUpNow });
    show(host, backupsScreen(ctx).el);
    await settle();
    byTestId(host, "backup-now").click();
    await settle();
    expect(byTestId<HTMLButtonElement>(host, "backup-now").disabled).toBe(true);
    expect(byTestId(host, "backup-now").getAttribute("aria-busy")).toBe("true");
    finish(newest);
    await settle();
    expect(byTestId<HTMLButtonElement>(host, "backup-now").disabled).toBe(false);
    expect(byTestId(host, "backup-path").textContent).toBe(newest.path);
    expect(queryTestId(host, `backup-row-${newest.name}`)).not.toBeNull();
  });

  it("shows how far a backup has got while it runs, then the check", async () => {
    vi.useFakeTimers();
    try {
      let finish: (b: BackupFile) => void = () => undefined;
      const backUpNow = vi.fn(() => new Promise<BackupFile>((resolve) => (finish = resolve)));
      const backupProgress = vi
        .fn()
        .mockResolvedValueOnce({ copied_bytes: 512 * 1024 * 1024, expected_bytes: 2048 * 1024 * 1024, checking: false })
        .mockResolvedValue({ copied_bytes: 2048 * 1024 * 1024, expected_bytes: 2048 * 1024 * 1024, checking: true });
      const { ctx, host } = screenContext({ listBackups: () => folder(), backUpNow, backupProgress });
      show(host, backupsScreen(ctx).el);
      await settle();
      byTestId(host, "backup-now").click();
      await vi.advanceTimersByTimeAsync(PROGRESS_EVERY_MS);
      expect(byTestId(host, "backup-result").textContent).toContain("Copying… 25 % (512.0 MB of about 2.0 GB)");
      await vi.advanceTimersByTimeAsync(PROGRESS_EVERY_MS);
      expect(byTestId(host, "backup-result").textContent).toContain("Checking the copy");
      finish(newest);
      await vi.advanceTimersByTimeAsync(PROGRESS_EVERY_MS * 3);
      expect(backupProgress).toHaveBeenCalledTimes(2);
      expect(byTestId(host, "backup-path").textContent).toBe(newest.path);
    } finally {
      vi.useRealTimers();
    }
  });

  it("shows why a backup failed", async () => {
    const backUpNow = () => Promise.reject(new ApiError("Conflict", "The backup folder /data/backups is a file, not a folder."));
    const { ctx, host } = screenContext({ listBackups: () => folder(), backUpNow });
    show(host, backupsScreen(ctx).el);
    await settle();
    byTestId(host, "backup-now").click();
    await settle();
    expect(byTestId(host, "backup-result").textContent).toContain("is a file, not a folder");
  });

  it("restores only after RESTORE is typed, says the current database is kept aside first, and where", async () => {
    const restoreBackup = vi.fn(() =>
      Promise.resolve({ name: older.name, backup_version: 5, previous_kept_at: "/data/gasdesk.db.before-restore-20250312T060000Z.db", kiosks_revoked: 2 }),
    );
    const { ctx, host } = screenContext({ listBackups: () => folder(), restoreBackup });
    show(host, backupsScreen(ctx).el);
    await settle();
    openRestore(host, older.name);
    expect(byTestId(host, "restore-dialog").textContent).toContain("current database is kept");

    type(byTestId<HTMLInputElement>(host, "restore-word"), "restore");
    byTestId(host, "restore-dialog-confirm").click();
    await settle();
    expect(byTestId(host, "restore-word-error").textContent).toBe("Type RESTORE in capitals to confirm.");
    expect(restoreBackup).not.toHaveBeenCalled();

    type(byTestId<HTMLInputElement>(host, "restore-word"), "RESTORE");
    byTestId(host, "restore-dialog-confirm").click();
    await settle();
    expect(restoreBackup).toHaveBeenCalledWith(older.name, "RESTORE");
    expect(queryTestId(host, "restore-dialog")).toBeNull();
    const done = byTestId(host, "restore-done").textContent ?? "";
    expect(done).toContain("/data/gasdesk.db.before-restore-20250312T060000Z.db");
    expect(done).toContain("log in again");
    expect(byTestId(host, "restore-kiosks-revoked").textContent).toContain("pair each kiosk again");
  });

  it("shows the backend's refusal beside the typed word or in the dialog, and keeps the dialog open", async () => {
    const restoreBackup = vi
      .fn()
      .mockRejectedValueOnce(new ApiError("Invalid", "Type RESTORE in capitals to confirm the restore.", "confirmation"))
      .mockRejectedValueOnce(new ApiError("Forbidden", "A backup is restored on the office PC, not on a kiosk."));
    const { ctx, host } = screenContext({ listBackups: () => folder(), restoreBackup });
    show(host, backupsScreen(ctx).el);
    await settle();
    openRestore(host, newest.name);
    type(byTestId<HTMLInputElement>(host, "restore-word"), "RESTORE");
    byTestId(host, "restore-dialog-confirm").click();
    await settle();
    expect(byTestId(host, "restore-word-error").textContent).toBe("Type RESTORE in capitals to confirm the restore.");
    byTestId(host, "restore-dialog-confirm").click();
    await settle();
    expect(byTestId(host, "restore-dialog-error").textContent).toContain("office PC");
    expect(queryTestId(host, "restore-dialog")).not.toBeNull();
  });

  it("offers no restore on a kiosk", async () => {
    const { ctx, host } = screenContext({ listBackups: () => folder() });
    show(host, backupsScreen({ ...ctx, kiosk: true }).el);
    await settle();
    expect(queryTestId(host, `backup-restore-${newest.name}`)).toBeNull();
    expect(byTestId(host, "backups-kiosk-note").textContent).toContain("office PC");
  });
});
