// Settings (low-stock threshold, timeouts, agency name, helpline, open complaints per customer,
// automatic backups, the seller on invoices, the refill rules and the test-due margin, serving
// kiosk PCs on the network) and staff accounts. Prices are per cylinder type (cylinder-types.ts).
import type { Settings } from "../../gen/Settings";
import type { StaffMember } from "../../gen/StaffMember";
import { h } from "../../lib/dom";
import { clearErrors, type Field, field, notice, showError } from "../../lib/form";
import { parseWholeNumber } from "../../lib/parse";
import type { Screen } from "../../lib/screen";
import { cell, emptyRow, table } from "../../lib/table";
import { formatDateTime } from "../../lib/time";
import { parseGstin } from "../../lib/trade";
import { button, textArea, textInput, withBusy } from "../../lib/ui";
import { checkConfirmation, checkNewPassword, checkOptionalLine, checkRequiredLine, checkUsername } from "../../lib/validate";
import type { ScreenContext } from "../context";
import { formDialog } from "../dialogs";
import { screen, screenHeader } from "../frame";
import { passwordFields, reportProblems } from "./customers";
import { statusText } from "./kiosks";

type SettingsFields = {
  low_stock_threshold: Field<HTMLInputElement>;
  kiosk_idle_seconds: Field<HTMLInputElement>;
  admin_relock_seconds: Field<HTMLInputElement>;
  agency_name: Field<HTMLInputElement>;
  emergency_helpline: Field<HTMLInputElement>;
  max_open_complaints: Field<HTMLInputElement>;
  backup_folder: Field<HTMLInputElement>;
  backup_every_hours: Field<HTMLInputElement>;
  backups_to_keep: Field<HTMLInputElement>;
  kiosk_port: Field<HTMLInputElement>;
  legal_name: Field<HTMLInputElement>;
  agency_address: Field<HTMLTextAreaElement>;
  gstin: Field<HTMLInputElement>;
  agency_state: Field<HTMLInputElement>;
  refill_gap_days: Field<HTMLInputElement>;
  refills_per_year: Field<HTMLInputElement>;
  test_due_margin_days: Field<HTMLInputElement>;
};

/**
 * Reads the settings form (the boxes' text, and whether "Serve kiosks on this network" is
 * ticked): the values to send, or each problem by field name. Ranges are the backend's
 * (domain/settings.rs); it checks them again.
 */
export function readSettings(
  values: Record<keyof SettingsFields, string>,
  serveKiosks: boolean,
): { settings: Settings } | { problems: Partial<Record<keyof SettingsFields, string>> } {
  const problems: Partial<Record<keyof SettingsFields, string>> = {};
  /** The value read from one box, or 0 with its problem noted (then nothing is sent). */
  const whole = (key: keyof SettingsFields, min: number, max: number, what: string): number => {
    const read = parseWholeNumber(values[key], min, max, what);
    if ("error" in read) problems[key] = read.error;
    return "error" in read ? 0 : read.value;
  };
  const low = whole("low_stock_threshold", 0, 100_000, "low-stock threshold");
  const idle = whole("kiosk_idle_seconds", 15, 3600, "kiosk idle timeout (seconds)");
  const relock = whole("admin_relock_seconds", 30, 86_400, "admin relock timeout (seconds)");
  const agency = checkRequiredLine(values.agency_name, "agency name", 100);
  if (agency !== null) problems.agency_name = agency;
  const maxOpen = whole("max_open_complaints", 1, 20, "number of open complaints per customer");
  const everyHours = whole("backup_every_hours", 1, 168, "hours between backups");
  const keep = whole("backups_to_keep", 1, 365, "number of backups to keep");
  const port = whole("kiosk_port", 1024, 65_535, "port for kiosks");
  const folder = values.backup_folder.trim();
  if (folder.length > 500) problems.backup_folder = "The backup folder must be at most 500 characters.";
  else if (folder !== "" && !isFullPath(folder)) {
    problems.backup_folder = "The backup folder must be a full path, such as E:\\GasDesk backups or /media/usb/gasdesk-backups, or empty for the folder beside the database.";
  }
  const helpline = values.emergency_helpline.trim();
  if (helpline.length < 3 || helpline.length > 20 || !/^[0-9+ -]+$/.test(helpline)) {
    problems.emergency_helpline = "The helpline is a phone number of 3 to 20 characters: digits, +, - and spaces.";
  }
  const legalName = checkRequiredLine(values.legal_name, "legal name", 100);
  if (legalName !== null) problems.legal_name = legalName;
  const address = checkOptionalLine(values.agency_address, "address", 300);
  if (address !== null) problems.agency_address = address;
  const gstin = parseGstin(values.gstin);
  if ("error" in gstin) problems.gstin = gstin.error;
  const state = checkOptionalLine(values.agency_state, "state", 60);
  if (state !== null) problems.agency_state = state;
  const gap = whole("refill_gap_days", 0, 365, "days between refills");
  const perYear = whole("refills_per_year", 1, 100, "number of refills per year");
  const margin = whole("test_due_margin_days", 0, 365, "days before the test date");
  if ("error" in gstin || Object.keys(problems).length > 0) return { problems };
  return {
    settings: {
      low_stock_threshold: low,
      kiosk_idle_seconds: idle,
      admin_relock_seconds: relock,
      agency_name: values.agency_name.trim(),
      emergency_helpline: helpline,
      max_open_complaints: maxOpen,
      backup_folder: folder,
      backup_every_hours: everyHours,
      backups_to_keep: keep,
      serve_kiosks: serveKiosks,
      kiosk_port: port,
      legal_name: values.legal_name.trim(),
      agency_address: values.agency_address.trim(),
      gstin: gstin.value,
      agency_state: values.agency_state.trim(),
      refill_gap_days: gap,
      refills_per_year: perYear,
      test_due_margin_days: margin,
    },
  };
}

/** A Windows drive path (`E:\…`), a network share (`\\server\…`) or a Unix one (`/…`). */
function isFullPath(folder: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(folder) || folder.startsWith("\\\\") || folder.startsWith("/");
}

const NUMBER = { inputmode: "numeric", size: "8" };
const SMALL_NUMBER = { inputmode: "numeric", size: "4" };

/** One box of the settings form, with the hint that says what it takes. */
function setting(label: string, testid: string, hint: string, attrs: Record<string, string>): Field<HTMLInputElement> {
  return field(label, textInput({ testid, attrs }), { hint });
}

export function settingsScreen(ctx: ScreenContext): Screen {
  const formNotice = notice("settings-notice");
  const f: SettingsFields = {
    low_stock_threshold: setting(
      "Low-stock warning below",
      "settings-low-stock",
      "Cylinders of a type ready to hand out. Prices are set per type, on the Cylinder types screen.",
      NUMBER,
    ),
    kiosk_idle_seconds: setting("Kiosk logout after (seconds idle)", "settings-kiosk-idle", "15 to 3600.", NUMBER),
    admin_relock_seconds: setting("Admin switch relocks after (seconds idle)", "settings-admin-relock", "30 to 86400.", NUMBER),
    agency_name: setting("Agency name", "settings-agency-name", "On receipts and the kiosk.", { maxlength: "100", size: "32" }),
    emergency_helpline: setting("Emergency helpline", "settings-helpline", "Shown to customers who report a gas leak.", { maxlength: "20", size: "16", type: "tel" }),
    max_open_complaints: setting("Open complaints per customer", "settings-max-open-complaints", "1 to 20 waiting at once. A gas leak report is always accepted.", SMALL_NUMBER),
    backup_folder: setting(
      "Backup folder",
      "settings-backup-folder",
      "A second disk or a USB drive, as a full path. Empty: the backups folder beside the database.",
      { maxlength: "500", size: "32" },
    ),
    backup_every_hours: setting("Back up every (hours)", "settings-backup-every-hours", "1 to 168. The office PC also backs up at its first start each day.", SMALL_NUMBER),
    backups_to_keep: setting(
      "Backups to keep",
      "settings-backups-to-keep",
      "1 to 365. Older GasDesk backups in the folder are deleted; other files never are.",
      SMALL_NUMBER,
    ),
    kiosk_port: setting("Port for kiosks", "settings-kiosk-port", "1024 to 65535. Kiosk PCs connect to this PC on it; change it only if another program uses it.", {
      inputmode: "numeric",
      size: "6",
    }),
    legal_name: setting("Legal name", "settings-legal-name", "The registered name, as on the GST certificate.", { maxlength: "100", size: "32" }),
    agency_address: field("Address", textArea({ testid: "settings-agency-address", attrs: { rows: "3", maxlength: "300" } }), {
      hint: "The place of business printed on every invoice.",
      class: "admin-field--wide",
    }),
    gstin: setting("GSTIN", "settings-gstin", "15 characters, such as 27AAPFU0939F1ZV; its check character is verified.", {
      maxlength: "15",
      size: "17",
    }),
    agency_state: setting("State", "settings-agency-state", "With its GST code, such as Karnataka (29).", { maxlength: "60", size: "20" }),
    refill_gap_days: setting("Days between refills", "settings-refill-gap", "0 to 365 (25 usual). Counted from a connection's last paid refill.", SMALL_NUMBER),
    refills_per_year: setting("Refills per financial year", "settings-refills-per-year", "1 to 100 (15 usual) per connection, April to March.", SMALL_NUMBER),
    test_due_margin_days: setting(
      "Stop handing out (days before the test date)",
      "settings-test-due-margin",
      "0 to 365 (30 usual). Closer to its test date, a cylinder goes to the plant instead.",
      SMALL_NUMBER,
    ),
  };
  const serve = h("input", { attrs: { type: "checkbox", "data-testid": "settings-serve-kiosks" } });
  const servingLine = h("p", { class: "admin-muted admin-small", attrs: { "data-testid": "settings-kiosk-status", role: "status" } });
  servingLine.hidden = true;
  const {
    kiosk_port: portField,
    legal_name,
    agency_address,
    gstin,
    agency_state,
    refill_gap_days,
    refills_per_year,
    test_due_margin_days,
    ...agencyFields
  } = f;
  const save = button("Save settings", null, { variant: "primary", type: "submit", testid: "settings-save" });
  const form = h(
    "form",
    { class: "card admin-card admin-form", attrs: { novalidate: "", "data-testid": "settings-form" } },
    h("h3", { class: "admin-card__title" }, "Agency settings"),
    h("div", { class: "admin-form__grid" }, ...Object.values(agencyFields).map((x: Field) => x.el)),
    h(
      "fieldset",
      { class: "admin-fieldset admin-settings-group", attrs: { "data-testid": "settings-invoices" } },
      h("legend", {}, "On invoices"),
      h("p", { class: "field__hint" }, "The seller every tax invoice, credit note and delivery note names."),
      h("div", { class: "admin-form__grid" }, legal_name.el, gstin.el, agency_state.el),
      agency_address.el,
    ),
    h(
      "fieldset",
      { class: "admin-fieldset admin-settings-group", attrs: { "data-testid": "settings-refill-rules" } },
      h("legend", {}, "Refill rules"),
      h("p", { class: "field__hint" }, "Checked before any booking is charged; staff can override them in a manual assignment, with a reason."),
      h("div", { class: "admin-form__grid" }, refill_gap_days.el, refills_per_year.el, test_due_margin_days.el),
    ),
    h(
      "fieldset",
      { class: "admin-fieldset admin-serving", attrs: { "data-testid": "settings-kiosks" } },
      h("legend", {}, "Kiosk PCs"),
      h("label", { class: "check" }, serve, "Serve kiosks on this network"),
      h("p", { class: "field__hint" }, "Kiosk PCs at the counter then book through this PC, which must stay on while they are in use. Pair them on the Kiosks screen."),
      portField.el,
      servingLine,
    ),
    formNotice.el,
    h("div", { class: "admin-form__actions" }, save),
  );
  save.disabled = true;

  /** Where this office serves kiosks now, or why not (a port taken shows here after a save). */
  async function showServing(): Promise<void> {
    try {
      const s = await ctx.backend.kioskServer();
      servingLine.textContent = s.serving || s.error !== null ? statusText(s) : "Not serving kiosks.";
      servingLine.hidden = false;
    } catch {
      servingLine.hidden = true;
    }
  }

  function fill(s: Settings): void {
    serve.checked = s.serve_kiosks;
    f.kiosk_port.control.value = String(s.kiosk_port);
    f.legal_name.control.value = s.legal_name;
    f.agency_address.control.value = s.agency_address;
    f.gstin.control.value = s.gstin;
    f.agency_state.control.value = s.agency_state;
    f.refill_gap_days.control.value = String(s.refill_gap_days);
    f.refills_per_year.control.value = String(s.refills_per_year);
    f.test_due_margin_days.control.value = String(s.test_due_margin_days);
    f.low_stock_threshold.control.value = String(s.low_stock_threshold);
    f.kiosk_idle_seconds.control.value = String(s.kiosk_idle_seconds);
    f.admin_relock_seconds.control.value = String(s.admin_relock_seconds);
    f.agency_name.control.value = s.agency_name;
    f.emergency_helpline.control.value = s.emergency_helpline;
    f.max_open_complaints.control.value = String(s.max_open_complaints);
    f.backup_folder.control.value = s.backup_folder;
    f.backup_every_hours.control.value = String(s.backup_every_hours);
    f.backups_to_keep.control.value = String(s.backups_to_keep);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (save.disabled) return;
    clearErrors(f);
    formNotice.clear();
    const typed = Object.fromEntries(Object.entries(f).map(([k, x]: [string, Field]) => [k, x.control.value])) as Record<keyof SettingsFields, string>;
    const read = readSettings(typed, serve.checked);
    if ("problems" in read) {
      reportProblems((Object.keys(f) as Array<keyof SettingsFields>).map((k) => [f[k], read.problems[k] ?? null]));
      return;
    }
    void withBusy(save, null, async () => {
      try {
        const saved = await ctx.backend.updateSettings(read.settings);
        fill(saved);
        formNotice.ok(`Saved. Refills: ${saved.refill_gap_days} days apart, ${saved.refills_per_year} a year per connection.`);
        ctx.changed();
        // The server started or stopped with the save (or could not start): say which.
        await showServing();
      } catch (raw) {
        showError(raw, formNotice, f);
      }
    });
  });

  // ----- staff accounts -----
  const staffNotice = notice("staff-notice");
  const { body: staffBody, wrap: staffWrap } = table("staff", ["Username", "Name", "Since"]);
  const addStaff = button("Add staff member…", () => openAddStaff(), { testid: "staff-add" });

  async function loadStaff(): Promise<void> {
    try {
      const members = await ctx.backend.listStaff();
      staffBody.replaceChildren(...(members.length === 0 ? [emptyRow(3, "No staff accounts.")] : members.map(staffRow)));
    } catch (raw) {
      showError(raw, staffNotice);
    }
  }

  function staffRow(m: StaffMember): HTMLTableRowElement {
    return h(
      "tr",
      { attrs: { "data-testid": `staff-row-${m.username}` } },
      cell(h("strong", {}, m.username)),
      cell(m.full_name),
      cell(formatDateTime(m.created_at)),
    );
  }

  function openAddStaff(): void {
    const username = field("Username", textInput({ testid: "staff-new-username", attrs: { maxlength: "32" } }), { hint: "3–32 letters, digits, dot, dash or underscore." });
    const fullName = field("Full name", textInput({ testid: "staff-new-full-name", attrs: { maxlength: "100" } }));
    const pw = passwordFields("staff-new");
    const fields = { username, full_name: fullName, password: pw.password, again: pw.again };
    formDialog(ctx.host, {
      title: "Add a staff member",
      testid: "staff-add-dialog",
      intro: "Staff can unlock the admin switch and do everything on these screens.",
      body: [username.el, fullName.el, pw.password.el, pw.again.el],
      submitLabel: "Add staff member",
      fields,
      async onSubmit() {
        clearErrors(fields);
        const ok = reportProblems([
          [username, checkUsername(username.control.value)],
          [fullName, checkRequiredLine(fullName.control.value, "name", 100)],
          [pw.password, checkNewPassword(pw.password.control.value)],
          [pw.again, checkConfirmation(pw.password.control.value, pw.again.control.value)],
        ]);
        if (!ok) return false;
        const m = await ctx.backend.addStaff(username.control.value.trim(), fullName.control.value.trim(), pw.password.control.value);
        staffNotice.ok(`Added ${m.username} (${m.full_name}).`);
        await loadStaff();
        return true;
      },
    });
  }

  const staffCard = h(
    "section",
    { class: "card admin-card" },
    h("div", { class: "admin-card__head" }, h("h3", { class: "admin-card__title" }, "Staff accounts"), addStaff),
    staffNotice.el,
    staffWrap,
  );

  ctx.backend
    .getSettings()
    .then((s) => {
      fill(s);
      save.disabled = false;
    })
    .catch((raw: unknown) => showError(raw, formNotice));
  void loadStaff();
  void showServing();
  return { el: screen("settings", screenHeader("Settings", "settings"), h("div", { class: "admin-columns" }, form, staffCard)) };
}
