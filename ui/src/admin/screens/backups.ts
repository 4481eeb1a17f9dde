// Backups: copy the database now (SQLite's online backup, safe while kiosks are working) and
// show where the file went.
import { h } from "../../lib/dom";
import type { Screen, ScreenContext } from "../context";
import { busy, button, notice, screen, screenHeader } from "../ui";

export function backupsScreen(ctx: ScreenContext): Screen {
  const result = notice("backup-result");
  const history = h("ul", { class: "admin-backups", attrs: { "data-testid": "backup-list" } });
  const historyTitle = h("h4", { class: "admin-subtitle" }, "Made in this session");
  historyTitle.hidden = true;
  const now = button("Back up now", "backup-now", "primary", (b) => {
    result.clear();
    void busy(b, async () => {
      result.info("Backing up… this can take a little while on a large database.");
      try {
        const path = await ctx.backend.backupDatabase();
        result.ok("Backup saved to:", h("code", { class: "admin-path", attrs: { "data-testid": "backup-path" } }, path));
        historyTitle.hidden = false;
        history.prepend(h("li", {}, h("span", { class: "admin-muted" }, `${new Date().toLocaleTimeString("en-IN", { hourCycle: "h23" })} `), h("code", {}, path)));
      } catch (raw) {
        result.error((raw as Error).message);
      }
    });
  });
  const body = h(
    "section",
    { class: "card admin-card" },
    h("h3", { class: "admin-card__title" }, "Back up the database"),
    h(
      "p",
      {},
      "Makes a complete copy of the database in the backups folder beside it. Kiosks can keep working while it runs. Copy the file to a USB drive or another computer regularly.",
    ),
    h("div", { class: "admin-form__actions" }, now),
    result.el,
    historyTitle,
    history,
    h(
      "p",
      { class: "admin-muted admin-small" },
      "To restore a backup, close every GasDesk window and run: ",
      h("code", {}, "gasdesk restore --from <backup file>"),
      " (add --db <database> if GasDesk was started with one).",
    ),
  );
  return { el: screen("backups", screenHeader("Backups", "backups"), body) };
}
