// Dashboard: stock by status and per cylinder type (with each type's low-stock warning), pending
// bookings, open complaints (gas leaks in red), revenue, and completed bookings over the last 14
// days (Chart.js, loaded on demand: ../chart.ts).
import type { Dashboard } from "../../gen/Dashboard";
import type { DatabaseHealth } from "../../gen/DatabaseHealth";
import type { DayFigures } from "../../gen/DayFigures";
import type { TypeStock } from "../../gen/TypeStock";
import { h } from "../../lib/dom";
import { notice } from "../../lib/form";
import { formatDay, formatRupees, plural } from "../../lib/format";
import type { Screen } from "../../lib/screen";
import { formatDateTime } from "../../lib/time";
import { cell, emptyRow, table } from "../../lib/table";
import { badge, button, withBusy } from "../../lib/ui";
import type { BarChart } from "../chart";
import type { NavHint, ScreenContext, ScreenId } from "../context";
import { screen, screenHeader } from "../frame";

interface Tile {
  label: string;
  value: string;
  testid: string;
  kind?: string;
  detail?: Node | string;
  /** The value is words or a date, shown smaller than a figure. */
  words?: boolean;
  go?: { to: ScreenId; hint?: NavHint; label: string };
}

export function dashboardScreen(ctx: ScreenContext): Screen {
  const status = notice("dashboard-error");
  const updated = h("span", { class: "admin-muted", attrs: { "data-testid": "dashboard-updated" } });
  const refresh = button("Refresh", (b) => void withBusy(b, null, load), { testid: "dashboard-refresh" });
  const alerts = h("div", { class: "admin-alerts" });
  const damage = h("div", { class: "admin-alerts" });
  const tiles = h("div", { class: "admin-tiles", attrs: { "data-testid": "dashboard-tiles" } });
  const canvas = h("canvas", {
    attrs: { "data-testid": "dashboard-chart", role: "img", "aria-label": "Completed bookings per day, last 14 days" },
  });
  const chartText = h("p", { class: "admin-muted", attrs: { "data-testid": "dashboard-chart-total" } });
  const chartCard = h(
    "section",
    { class: "card admin-card admin-chart-card" },
    h("h3", { class: "admin-card__title" }, "Completed bookings, last 14 days"),
    h("div", { class: "admin-chart" }, canvas),
    chartText,
  );
  const byType = table("dashboard-types", ["Type", "Filled", "With customers", "Empty", "Available", "Held back or due", "No test date", ""]);
  const typesCard = h(
    "section",
    { class: "card admin-card", attrs: { "data-testid": "dashboard-stock-by-type" } },
    h("h3", { class: "admin-card__title" }, "Stock by type"),
    h("p", { class: "admin-muted admin-small" }, "Available: Filled, not being paid for, not held back and not due for test — what can be handed out."),
    byType.wrap,
  );
  let chart: BarChart | null = null;
  let disposed = false;

  const el = screen("dashboard", screenHeader("Dashboard", "dashboard", updated, refresh), damage, status.el, alerts, tiles, typesCard, chartCard);

  /** A figure that opens the inventory with `hint` (a type's cylinders of one kind). */
  function figure(n: number, testid: string, hint: NavHint, label: string): HTMLElement {
    const link = h("button", { class: "admin-link admin-num", attrs: { type: "button", "data-testid": testid, title: label } }, n.toLocaleString("en-IN"));
    link.addEventListener("click", () => ctx.navigate("inventory", hint));
    return link;
  }

  function typeRow(t: TypeStock): HTMLTableRowElement {
    const id = `dashboard-type-${t.type_id}`;
    const name = h("strong", {}, t.type_name);
    const marks: Node[] = [];
    if (t.low) marks.push(badge("low stock", { kind: "pending", testid: `${id}-low` }));
    if (!t.active) marks.push(badge("not sold", { kind: "none" }));
    const tr = h(
      "tr",
      { attrs: { "data-testid": id } },
      cell(name),
      cell(figure(t.filled, `${id}-filled`, { typeId: t.type_id, cylinderStatus: "Filled" }, `Show filled ${t.type_name} cylinders`)),
      cell(figure(t.assigned, `${id}-assigned`, { typeId: t.type_id, cylinderStatus: "Assigned" }, `Show ${t.type_name} cylinders with customers`)),
      cell(figure(t.empty, `${id}-empty`, { typeId: t.type_id, cylinderStatus: "Empty" }, `Show empty ${t.type_name} cylinders`)),
      cell(h("strong", { class: "admin-num", attrs: { "data-testid": `${id}-available` } }, t.available.toLocaleString("en-IN"))),
      cell(figure(t.held_or_due, `${id}-held-or-due`, { typeId: t.type_id, attention: true }, `Show ${t.type_name} cylinders due for test or held back`)),
      cell(figure(t.undated, `${id}-undated`, { typeId: t.type_id, undated: true }, `Show ${t.type_name} cylinders whose test date is not recorded`)),
      cell(...marks),
    );
    if (t.low) tr.classList.add("admin-row--low");
    return tr;
  }

  /** The active types with less available stock than the threshold. */
  function lowTypes(d: Dashboard): TypeStock[] {
    return d.stock_by_type.filter((t) => t.low);
  }

  function tile(t: Tile): HTMLElement {
    const body: Node[] = [
      h("span", { class: "admin-tile__label" }, t.label),
      h("span", { class: t.words === true ? "admin-tile__value admin-tile__value--words" : "admin-tile__value", attrs: { "data-testid": `${t.testid}-value` } }, t.value),
    ];
    if (t.detail !== undefined) body.push(h("span", { class: "admin-tile__detail" }, t.detail));
    const className = `admin-tile${t.kind === undefined ? "" : ` admin-tile--${t.kind}`}`;
    if (t.go === undefined) return h("div", { class: className, attrs: { "data-testid": t.testid } }, ...body);
    const go = t.go;
    const link = h("button", { class: `${className} admin-tile--link`, attrs: { type: "button", "data-testid": t.testid, title: go.label } }, ...body);
    link.addEventListener("click", () => ctx.navigate(go.to, go.hint));
    return link;
  }

  function render(d: Dashboard): void {
    const filled = d.stock.filled;
    const reserved = d.stock.reserved;
    const leaks = d.open_gas_leaks;
    const banners: Node[] = [];
    if (d.seller_details_missing) {
      const go = button("Open Settings", () => ctx.navigate("settings"), { testid: "dashboard-seller-go" });
      banners.push(
        h(
          "div",
          { class: "admin-alert admin-alert--warning", attrs: { role: "alert", "data-testid": "dashboard-seller-missing" } },
          h("strong", {}, "Tax invoices are incomplete: "),
          "the agency's legal name, address, GSTIN or state is not entered, and every invoice prints what is entered when it is issued. Enter them in Settings → On invoices.",
          go,
        ),
      );
    }
    if (d.low_stock) {
      const low = lowTypes(d);
      const only = low.length === 1 ? low[0] : undefined;
      const hint: NavHint = only === undefined ? { cylinderStatus: "Empty" } : { cylinderStatus: "Empty", typeId: only.type_id };
      const go = button(only === undefined ? "Show empty cylinders" : `Show empty ${only.type_name}`, () => ctx.navigate("inventory", hint), {
        testid: "dashboard-low-stock-go",
      });
      const which = low.length === 0 ? `only ${plural(filled, "filled cylinder")} left` : low.map((t) => `${t.type_name}: only ${t.available.toLocaleString("en-IN")} ready to hand out`).join("; ");
      banners.push(
        h(
          "div",
          { class: "admin-alert admin-alert--warning", attrs: { role: "alert", "data-testid": "dashboard-low-stock" } },
          h("strong", {}, "Low stock: "),
          `${which} (warning below ${d.low_stock_threshold.toLocaleString("en-IN")}). Refill the empties or register new stock.`,
          go,
        ),
      );
    }
    if (leaks > 0) {
      const go = button("Open the complaints queue", () => ctx.navigate("complaints"), { variant: "danger", testid: "dashboard-gas-leaks-go" });
      banners.push(
        h(
          "div",
          { class: "admin-alert admin-alert--danger", attrs: { role: "alert", "data-testid": "dashboard-gas-leaks" } },
          h("strong", {}, "Gas leak: "),
          `${plural(leaks, "open gas leak complaint")} — call ${leaks === 1 ? "this customer" : "these customers"} first.`,
          go,
        ),
      );
    }
    const refunds = d.refunds_needing_attention;
    if (refunds > 0) {
      banners.push(
        h(
          "div",
          { class: "admin-alert admin-alert--warning", attrs: { role: "alert", "data-testid": "dashboard-refunds" } },
          h("strong", {}, "Refunds: "),
          `${plural(refunds, "refund")} need${refunds === 1 ? "s" : ""} attention — the payment gateway has not confirmed ${refunds === 1 ? "it" : "them"} yet. GasDesk keeps asking; the customers' cancelled bookings show each one.`,
        ),
      );
    }
    const backupWarning = backupBanner(d);
    if (backupWarning !== null) banners.push(backupWarning);
    alerts.replaceChildren(...banners);

    const complaintsDetail: Node =
      leaks > 0 ? h("span", { class: "badge badge--gas-leak", attrs: { "data-testid": "dashboard-gas-leak-count" } }, `${leaks} gas leak${leaks === 1 ? "" : "s"}`) : h("span", {}, "no gas leaks");
    tiles.replaceChildren(
      tile({
        label: "Filled",
        value: filled.toLocaleString("en-IN"),
        testid: "dashboard-filled",
        kind: d.low_stock ? "warning" : "filled",
        detail: reserved > 0 ? `${reserved} reserved for payments under way` : "ready to hand out",
        go: { to: "inventory", hint: { cylinderStatus: "Filled" }, label: "Show filled cylinders" },
      }),
      tile({
        label: "Assigned",
        value: d.stock.assigned.toLocaleString("en-IN"),
        testid: "dashboard-assigned",
        kind: "assigned",
        detail: "with customers",
        go: { to: "inventory", hint: { cylinderStatus: "Assigned" }, label: "Show assigned cylinders" },
      }),
      tile({
        label: "Empty",
        value: d.stock.empty.toLocaleString("en-IN"),
        testid: "dashboard-empty",
        kind: "empty",
        detail: "waiting for a refill",
        go: { to: "inventory", hint: { cylinderStatus: "Empty" }, label: "Show empty cylinders" },
      }),
      tile({
        label: "Pending bookings",
        value: d.pending_bookings.toLocaleString("en-IN"),
        testid: "dashboard-pending-bookings",
        detail: "payment under way",
        go: { to: "bookings", label: "Show bookings" },
      }),
      tile({
        label: "Open complaints",
        value: d.open_complaints.toLocaleString("en-IN"),
        testid: "dashboard-open-complaints",
        ...(leaks > 0 ? { kind: "danger" } : {}),
        detail: complaintsDetail,
        go: { to: "complaints", label: "Open the complaints queue" },
      }),
      tile({ label: "Revenue today", value: formatRupees(d.revenue_today), testid: "dashboard-revenue-today", detail: "payments received" }),
      tile({ label: "Revenue this month", value: formatRupees(d.revenue_this_month), testid: "dashboard-revenue-month", detail: "payments received" }),
      tile({
        label: "Last good backup",
        value: d.last_good_backup_at === null ? "None yet" : formatDateTime(d.last_good_backup_at),
        testid: "dashboard-last-backup",
        words: true,
        ...(d.backup_overdue || d.last_backup_error !== null ? { kind: "warning" } : {}),
        detail: d.last_backup_error !== null ? "the last attempt failed" : "checked after it was written",
        go: { to: "backups", label: "Open Backups" },
      }),
    );
    byType.body.replaceChildren(...(d.stock_by_type.length === 0 ? [emptyRow(7, "No cylinder types.")] : d.stock_by_type.map(typeRow)));
    drawChart(d.recent_days);
    updated.textContent = `Updated ${new Date().toLocaleTimeString("en-IN", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })}`;
  }

  /** The red banner of a damaged database: what was found, the newest backup, how to restore. */
  function showHealth(health: DatabaseHealth): void {
    if (!health.damaged) {
      damage.replaceChildren();
      return;
    }
    const backup: Node =
      health.last_backup === null
        ? h("span", {}, "no backup is recorded")
        : h("code", { class: "admin-path", attrs: { "data-testid": "dashboard-damaged-backup" } }, health.last_backup);
    const restore: (Node | string)[] =
      health.restore_command === null
        ? []
        : [" To restore, close every GasDesk window and run: ", h("code", { class: "admin-path", attrs: { "data-testid": "dashboard-damaged-restore" } }, health.restore_command), "."];
    // Backups are restored at the office PC; a kiosk's admin area has no Backups screen.
    const go = ctx.kiosk ? [] : [button("Open Backups", () => ctx.navigate("backups"), { variant: "danger", testid: "dashboard-damaged-go" })];
    damage.replaceChildren(
      h(
        "div",
        { class: "admin-alert admin-alert--danger", attrs: { role: "alert", "data-testid": "dashboard-damaged" } },
        h("strong", {}, "The database is damaged. "),
        "Bookings are paused and no payments are taken until it is restored from a backup. ",
        `Found: ${health.problem ?? "a damaged page"}. `,
        "Newest backup: ",
        backup,
        ".",
        ...restore,
        ctx.kiosk ? " The office PC's Backups screen has the steps." : " The Backups screen has the steps.",
        ...go,
      ),
    );
  }

  /** A failed last attempt (its error in words), no backup at all, or one older than a day. */
  function backupBanner(d: Dashboard): HTMLElement | null {
    const last = d.last_good_backup_at === null ? "There is no good backup yet." : `The last good backup was made ${formatDateTime(d.last_good_backup_at)}.`;
    let what: string;
    if (d.last_backup_error !== null) what = `the last backup failed: ${d.last_backup_error} ${last}`;
    else if (d.last_good_backup_at === null) what = "no backup has been made yet. Make one now, and copy it off this PC.";
    else if (d.backup_overdue) what = `${last} That is more than a day ago.`;
    else return null;
    const go = ctx.kiosk ? [] : [button("Open Backups", () => ctx.navigate("backups"), { testid: "dashboard-backup-go" })];
    return h(
      "div",
      { class: "admin-alert admin-alert--warning", attrs: { role: "alert", "data-testid": "dashboard-backup-warning" } },
      h("strong", {}, "Backups: "),
      what,
      ...go,
    );
  }

  function drawChart(days: DayFigures[]): void {
    const labels = days.map((d) => formatDay(d.day));
    const values = days.map((d) => d.completed_bookings);
    const total = values.reduce((a, b) => a + b, 0);
    chartText.textContent = `${plural(total, "booking")} completed in these ${days.length} days.`;
    canvas.replaceChildren(h("p", {}, days.map((d, i) => `${labels[i] ?? d.day}: ${values[i] ?? 0}`).join(", ")));
    if (chart !== null) {
      chart.update(labels, values);
      return;
    }
    void import("../chart").then(
      ({ barChart }) => {
        if (disposed) return;
        if (chart !== null) chart.update(labels, values);
        else chart = barChart(canvas, "Completed bookings", labels, values);
      },
      () => {
        chartText.textContent += " (The chart could not be drawn.)";
      },
    );
  }

  async function load(): Promise<void> {
    try {
      render(await ctx.backend.dashboard());
      status.clear();
    } catch (raw) {
      status.error((raw as Error).message);
    }
    // Asked after the figures, so damage the dashboard's own reading met is already known.
    try {
      showHealth(await ctx.backend.databaseHealth());
    } catch {
      // The banner is extra; an error reading the figures is already shown above.
    }
  }

  void load();
  return {
    el,
    dispose() {
      disposed = true;
      chart?.destroy();
      chart = null;
    },
  };
}
