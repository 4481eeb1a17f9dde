// Backups: back up now (on a connection of its own, so kiosks keep working), the GasDesk
// backups in the backup folder (Settings), and restoring one — on the office PC only, after
// typing RESTORE; the current database is kept aside first and everyone logs in again.
import type { BackupFile } from "../../gen/BackupFile";
import type { BackupFolder } from "../../gen/BackupFolder";
import type { BackupProgress } from "../../gen/BackupProgress";
import { h } from "../../lib/dom";
import { field, notice, showError } from "../../lib/form";
import type { Screen } from "../../lib/screen";
import { cell, emptyRow, table } from "../../lib/table";
import { formatDateTime } from "../../lib/time";
import { button, textInput, withBusy } from "../../lib/ui";
import type { ScreenContext } from "../context";
import { formDialog, viewDialog } from "../dialogs";
import { screen, screenHeader } from "../frame";

const CONFIRMATION_WORD = "RESTORE";

/** `900 bytes`, `2.4 MB`: enough to tell a backup that is far too small. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit] ?? "TB"}`;
}

/** How often the screen asks how far a backup has got. */
export const PROGRESS_EVERY_MS = 500;

/** "Copying… 45 % (1.1 GB of 2.4 GB)", then "Checking the copy…". */
export function progressText(p: BackupProgress): string {
  if (p.checking) return `Copied ${formatSize(p.expected_bytes)}. Checking the copy before it gets its name…`;
  const percent = p.expected_bytes === 0 ? 0 : Math.floor((p.copied_bytes / p.expected_bytes) * 100);
  return `Copying… ${percent} % (${formatSize(p.copied_bytes)} of about ${formatSize(p.expected_bytes)})`;
}

export function backupsScreen(ctx: ScreenContext): Screen {
  const result = notice("backup-result");
  const listNotice = notice("backups-error");
  const folderName = h("code", { class: "admin-path", attrs: { "data-testid": "backups-folder" } });
  const { body: rows, wrap } = table("backups", ["Backup", "Made", "Size", ""]);

  const now = button(
    "Back up now",
    (b) => {
      result.clear();
      void withBusy(b, null, async () => {
        result.info("Backing up… this can take a little while on a large database.");
        // The copy runs on its own connection: the rest of the window stays usable, and this
        // line shows how far it has got.
        const poll = window.setInterval(() => {
          ctx.backend.backupProgress().then(
            (p) => {
              if (p !== null) result.info(progressText(p));
            },
            () => undefined,
          );
        }, PROGRESS_EVERY_MS);
        try {
          const made = await ctx.backend.backUpNow().finally(() => window.clearInterval(poll));
          result.ok("Backup saved and checked:", h("code", { class: "admin-path", attrs: { "data-testid": "backup-path" } }, made.path));
          ctx.changed();
          await load();
        } catch (raw) {
          showError(raw, result);
        }
      });
    },
    { variant: "primary", testid: "backup-now" },
  );

  function render(list: BackupFolder): void {
    folderName.textContent = list.folder;
    rows.replaceChildren(...(list.backups.length === 0 ? [emptyRow(4, "No backups in this folder yet.")] : list.backups.map(row)));
  }

  function row(b: BackupFile): HTMLTableRowElement {
    const action = ctx.kiosk ? cell() : cell(button("Restore…", () => openRestore(b), { testid: `backup-restore-${b.name}` }));
    return h(
      "tr",
      { attrs: { "data-testid": `backup-row-${b.name}` } },
      cell(h("code", {}, b.name)),
      cell(formatDateTime(b.made_at)),
      cell(formatSize(b.size_bytes)),
      action,
    );
  }

  function openRestore(b: BackupFile): void {
    const word = field(`Type ${CONFIRMATION_WORD} to confirm`, textInput({ testid: "restore-word", attrs: { autocomplete: "off", spellcheck: "false", size: "12" } }));
    formDialog(ctx.host, {
      title: `Restore the backup of ${formatDateTime(b.made_at)}?`,
      testid: "restore-dialog",
      intro: h(
        "div",
        {},
        h("p", {}, "The database is replaced by this backup: ", h("code", {}, b.name), ". Anything recorded after it was made — bookings, payments, complaints — is no longer in the database."),
        h("p", {}, "The current database is kept first, as a copy beside it, so nothing is lost. Afterwards everyone on this PC logs in again."),
      ),
      body: [word.el],
      submitLabel: "Restore",
      submitKind: "danger",
      fields: { confirmation: word },
      async onSubmit() {
        word.setError(null);
        if (word.control.value.trim() !== CONFIRMATION_WORD) {
          word.setError(`Type ${CONFIRMATION_WORD} in capitals to confirm.`);
          word.control.focus();
          return false;
        }
        const restored = await ctx.backend.restoreBackup(b.name, word.control.value.trim());
        const kept = restored.previous_kept_at === null ? [] : [h("p", {}, "The database it replaced is kept at ", h("code", { class: "admin-path" }, restored.previous_kept_at), ".")];
        // A backup remembers kiosks as they were; a kiosk removed since must not come back.
        const kiosks = restored.kiosks_revoked === 0 ? [] : [h("p", { attrs: { "data-testid": "restore-kiosks-revoked" } }, `Every kiosk was removed (${restored.kiosks_revoked}): pair each kiosk again from the Kiosks screen.`)];
        // Every session ended with the restore: closing this asks for the list again, which
        // the backend refuses, and that takes the admin area down to the log-in.
        viewDialog(ctx.host, {
          title: "Backup restored",
          testid: "restore-done",
          body: [h("p", {}, `The database is now the backup ${restored.name}.`), ...kept, ...kiosks, h("p", {}, "Everyone was logged out: log in again to go on.")],
          onClose: () => void load(),
        });
        return true;
      },
    });
  }

  async function load(): Promise<void> {
    try {
      render(await ctx.backend.listBackups());
      listNotice.clear();
    } catch (raw) {
      showError(raw, listNotice);
    }
  }

  const backUpCard = h(
    "section",
    { class: "card admin-card" },
    h("h3", { class: "admin-card__title" }, "Back up the database"),
    h(
      "p",
      {},
      "Makes a complete copy of the database in the backup folder and checks it. Kiosks can keep working while it runs. The office PC also backs up by itself (Settings: how often, where, how many to keep).",
    ),
    h("div", { class: "admin-form__actions" }, now),
    result.el,
  );
  const restoreNote = ctx.kiosk
    ? [h("p", { class: "admin-muted admin-small", attrs: { "data-testid": "backups-kiosk-note" } }, "A backup is restored on the office PC, not on a kiosk.")]
    : [];
  const listCard = h(
    "section",
    { class: "card admin-card" },
    h("h3", { class: "admin-card__title" }, "Backups in ", folderName),
    listNotice.el,
    wrap,
    ...restoreNote,
    h(
      "p",
      { class: "admin-muted admin-small" },
      "Copy backups to another computer or drive now and then. With every GasDesk window closed, a backup file can also be restored with ",
      h("code", {}, "gasdesk restore --from <backup file>"),
      ".",
    ),
  );
  void load();
  return { el: screen("backups", screenHeader("Backups", "backups"), backUpCard, listCard) };
}
