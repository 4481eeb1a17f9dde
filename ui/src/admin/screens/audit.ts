// Audit log: every change, newest first, filtered by action and/or record; before → after
// shown as text. `auditRow` is shared with the cylinder history.
import type { AuditEntry } from "../../gen/AuditEntry";
import type { AuditFilter } from "../../gen/AuditFilter";
import { h } from "../../lib/dom";
import { field, notice } from "../../lib/form";
import { pagedTable } from "../../lib/pager";
import { parseWholeNumber } from "../../lib/parse";
import type { Screen } from "../../lib/screen";
import { cell } from "../../lib/table";
import { formatDateTime } from "../../lib/time";
import { button, select, textInput } from "../../lib/ui";
import { describeChange, prettyJson } from "../audit-text";
import type { NavHint, ScreenContext } from "../context";
import { screen, screenHeader, toolbar } from "../frame";

/** Actions the backend writes (domain/*.rs); the filter offers these. */
export const AUDIT_ACTIONS = [
  "booking.reserve",
  "booking.confirm",
  "booking.release",
  "booking.lapsed",
  "booking.cancel",
  "booking.manual_assign",
  "payment.refund_requested",
  "payment.refunded",
  "payment.refund_refused",
  // Written before refunds had their own records (issue 9); older databases still hold them.
  "payment.orphan_refund",
  "payment.refund_failed",
  "cylinder.register",
  "cylinder.assigned",
  "cylinder.returned",
  "cylinder.refill",
  "cylinder.mark_empty",
  "cylinder.back_to_stock",
  "complaint.file",
  "complaint.cancel",
  "complaint.set_status",
  "customer.create",
  "customer.update",
  "customer.reset_password",
  "staff.setup",
  "staff.create",
  "staff.reset_password",
  "settings.update",
  "login.locked",
] as const;

export const AUDIT_ENTITIES = ["booking", "complaint", "customer", "cylinder", "settings", "staff", "login"] as const;

export const AUDIT_HEADERS = ["Time", "By", "Action", "Record", "Before → after"];

/** One audit entry as a table row; the change as lines of text, the full JSON on request. */
export function auditRow(entry: AuditEntry): HTMLTableRowElement {
  const lines = describeChange(entry.before, entry.after);
  // A record created or removed lists its fields in a flowing line; a change, one line each.
  const whole = (entry.before === null) !== (entry.after === null) && lines.every((l) => l.startsWith("+ ") || l.startsWith("- "));
  const change = whole
    ? h(
        "div",
        { class: "admin-change admin-change__set" },
        h("span", { class: "admin-change__set-title" }, entry.before === null ? "Created:" : "Removed:"),
        ...lines.map((line) => h("span", {}, line.slice(2))),
      )
    : h("div", { class: "admin-change" }, ...lines.map((line) => h("div", { class: "admin-change__line" }, line)));
  const details = h(
    "details",
    { class: "admin-change__details" },
    h("summary", {}, "Full record"),
    h("div", { class: "admin-change__json" }, h("h4", {}, "Before"), h("pre", {}, prettyJson(entry.before))),
    h("div", { class: "admin-change__json" }, h("h4", {}, "After"), h("pre", {}, prettyJson(entry.after))),
  );
  const record = entry.entity_id === null ? entry.entity : `${entry.entity} #${String(entry.entity_id)}`;
  return h(
    "tr",
    { attrs: { "data-testid": `audit-row-${String(entry.id)}` } },
    cell(h("span", { class: "admin-nowrap" }, formatDateTime(entry.at))),
    cell(`${entry.actor_name}`, h("span", { class: "admin-muted admin-small" }, ` (${entry.actor_kind})`)),
    cell(h("code", {}, entry.action)),
    cell(record),
    cell(change, details),
  );
}

export function auditScreen(ctx: ScreenContext, hint: NavHint = {}): Screen {
  const error = notice("audit-error");
  const action = field(
    "Action",
    select([{ value: "", label: "Any action" }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: a }))], "", { testid: "audit-action" }),
  );
  const entity = field(
    "Record type",
    select([{ value: "", label: "Any record" }, ...AUDIT_ENTITIES.map((e) => ({ value: e, label: e }))], hint.entity?.entity ?? "", { testid: "audit-entity" }),
  );
  const entityId = field("Record #", textInput({ testid: "audit-entity-id", attrs: { inputmode: "numeric", size: "8", placeholder: "any", title: "A record number, with a record type" } }));
  if (hint.entity !== undefined) entityId.control.value = String(hint.entity.id);
  const apply = button("Apply", null, { variant: "primary", testid: "audit-apply" });
  const reset = button("Clear filters", null, { variant: "ghost", testid: "audit-clear" });
  const form = h("form", { class: "admin-filters", attrs: { "data-testid": "audit-filters" } }, toolbar(action.el, entity.el, entityId.el, apply, reset));
  apply.type = "submit";

  let filter: AuditFilter = {};
  const { list } = pagedTable<AuditEntry>({
    testid: "audit",
    headers: AUDIT_HEADERS,
    top: true,
    keyset: true,
    fetch: (page) => ctx.backend.auditLog(filter, page),
    row: auditRow,
    empty: "No audit entries match.",
    errors: error,
  });

  function readFilter(): AuditFilter | null {
    entityId.setError(null);
    const next: AuditFilter = {};
    if (action.control.value !== "") next.action = action.control.value;
    if (entity.control.value !== "") next.entity = entity.control.value;
    const idText = entityId.control.value.trim();
    if (idText !== "") {
      if (next.entity === undefined) {
        entityId.setError("Choose a record type for the number.");
        return null;
      }
      const id = parseWholeNumber(idText, 1, Number.MAX_SAFE_INTEGER, "record number");
      if ("error" in id) {
        entityId.setError(id.error);
        return null;
      }
      next.entity_id = id.value;
    }
    return next;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const next = readFilter();
    if (next === null) return;
    filter = next;
    void list.restart();
  });
  action.control.addEventListener("change", () => form.requestSubmit());
  entity.control.addEventListener("change", () => form.requestSubmit());
  reset.addEventListener("click", () => {
    action.control.value = "";
    entity.control.value = "";
    entityId.control.value = "";
    entityId.setError(null);
    filter = {};
    void list.restart();
  });

  const initial = readFilter();
  if (initial !== null) filter = initial;
  void list.restart();
  return { el: screen("audit", screenHeader("Audit log", "audit"), form, error.el, list.region, list.pager) };
}
