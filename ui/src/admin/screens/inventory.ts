// Inventory: cylinders by status / ID prefix, page by page; select several to mark Filled or
// Empty; refill every empty; register new cylinders; one cylinder's history.
import type { AuditEntry } from "../../gen/AuditEntry";
import type { Cylinder } from "../../gen/Cylinder";
import type { CylinderStatus } from "../../gen/CylinderStatus";
import type { MarkOutcome } from "../../gen/MarkOutcome";
import { h } from "../../lib/dom";
import { clearErrors, field, notice, radioGroup, showError } from "../../lib/form";
import { plural } from "../../lib/format";
import { pagedTable, restartOnTyping } from "../../lib/pager";
import { parseSerials, parseWholeNumber } from "../../lib/parse";
import type { Screen } from "../../lib/screen";
import { cell } from "../../lib/table";
import { formatDateTime } from "../../lib/time";
import { badge, button, select, textArea, textInput, withBusy } from "../../lib/ui";
import type { NavHint, ScreenContext } from "../context";
import { formDialog, viewDialog } from "../dialogs";
import { screen, screenHeader, toolbar } from "../frame";
import { AUDIT_HEADERS, auditRow } from "./audit";

/** The backend registers or marks at most this many at once (domain MAX_BATCH). */
export const MAX_BATCH = 500;

type StatusFilter = CylinderStatus | "";

const STATUS_OPTIONS: ReadonlyArray<{ value: StatusFilter; label: string }> = [
  { value: "", label: "All statuses" },
  { value: "Filled", label: "Filled" },
  { value: "Assigned", label: "Assigned" },
  { value: "Empty", label: "Empty" },
];

interface Selected {
  code: string;
  status: CylinderStatus;
}

export function inventoryScreen(ctx: ScreenContext, hint: NavHint = {}): Screen {
  const outcome = notice("inventory-notice");
  const error = notice("inventory-error");

  const status = field("Status", select<StatusFilter>(STATUS_OPTIONS, hint.cylinderStatus ?? "", { testid: "inventory-status" }));
  const search = field("Cylinder ID starts with", textInput({ testid: "inventory-search", attrs: { placeholder: "e.g. ABC", size: "12", maxlength: "32" } }));
  const selectedLabel = h("span", { class: "admin-selection", attrs: { "data-testid": "inventory-selected", "aria-live": "polite" } });
  const markFilled = button("Mark Filled", (b) => void mark(b, "Filled"), { testid: "mark-filled" });
  const markEmpty = button("Mark Empty", (b) => void mark(b, "Empty"), { testid: "mark-empty" });
  const clearSelection = button(
    "Clear selection",
    () => {
      selection.clear();
      syncSelection();
    },
    { variant: "ghost", testid: "inventory-clear-selection" },
  );
  const registerButton = button("Register cylinders…", () => openRegister(), { testid: "inventory-register" });
  const refillAll = button("Refill all empties…", () => void openRefillAll(), { variant: "primary", testid: "inventory-refill-all" });

  const selectPage = h("input", { attrs: { type: "checkbox", "data-testid": "inventory-select-page", "aria-label": "Select every cylinder on this page" } });
  const selection = new Map<number, Selected>();
  let rows: Cylinder[] = [];

  const { list, body } = pagedTable<Cylinder>({
    testid: "inventory",
    headers: [selectPage, "Cylinder ID", "Status", "Held by", "Filled at (FIFO)", "Last change", ""],
    keyset: true,
    fetch: (page) => ctx.backend.listCylinders(status.control.value === "" ? null : (status.control.value as CylinderStatus), search.control.value, page),
    row,
    empty: "No cylinders match.",
    errors: error,
    onRender(items) {
      rows = items;
      syncSelection();
    },
  });

  function row(c: Cylinder): HTMLTableRowElement {
    const id = c.id;
    const box = h("input", {
      attrs: { type: "checkbox", "data-testid": `inventory-select-${c.cylinder_code}`, "aria-label": `Select cylinder ${c.cylinder_code}` },
    });
    box.checked = selection.has(id);
    box.addEventListener("change", () => {
      if (box.checked) selection.set(id, { code: c.cylinder_code, status: c.status });
      else selection.delete(id);
      syncSelection();
    });
    const statusCell = cell(badge(c.status));
    if (c.reserved) statusCell.append(" ", badge("reserved", { kind: "reserved" }));
    const history = button("History", () => openHistory(c), { variant: "ghost", testid: `inventory-history-${c.cylinder_code}` });
    const tr = h(
      "tr",
      { attrs: { "data-testid": `inventory-row-${c.cylinder_code}`, "data-status": c.status } },
      cell(box),
      cell(h("strong", { class: "admin-code" }, c.cylinder_code)),
      statusCell,
      cell(c.assigned_to_username ?? "—"),
      cell(formatDateTime(c.filled_at)),
      cell(formatDateTime(c.updated_at)),
      cell(history),
    );
    return tr;
  }

  function syncSelection(): void {
    const n = selection.size;
    selectedLabel.textContent = n === 0 ? "None selected" : `${plural(n, "cylinder")} selected`;
    markFilled.disabled = n === 0;
    markEmpty.disabled = n === 0;
    clearSelection.hidden = n === 0;
    const onPage = rows.filter((c) => selection.has(c.id)).length;
    selectPage.checked = rows.length > 0 && onPage === rows.length;
    selectPage.indeterminate = onPage > 0 && onPage < rows.length;
    for (const box of body.querySelectorAll<HTMLInputElement>("input[type=checkbox]")) {
      const code = box.getAttribute("data-testid")?.replace(/^inventory-select-/, "");
      const c = rows.find((r) => r.cylinder_code === code);
      if (c !== undefined) {
        box.checked = selection.has(c.id);
        box.closest("tr")?.classList.toggle("is-selected", box.checked);
      }
    }
  }

  selectPage.addEventListener("change", () => {
    for (const c of rows) {
      if (selectPage.checked) selection.set(c.id, { code: c.cylinder_code, status: c.status });
      else selection.delete(c.id);
    }
    syncSelection();
  });

  function showOutcome(result: MarkOutcome, target: CylinderStatus): void {
    const text = `Marked ${plural(result.changed, "cylinder")} ${target}.`;
    if (result.skipped.length === 0) {
      outcome.ok(text);
      return;
    }
    const skipped = h(
      "ul",
      { class: "admin-skipped", attrs: { "data-testid": "inventory-skipped" } },
      ...result.skipped.map((reason) => h("li", {}, reason)),
    );
    outcome.info(`${text} Left as they were (${result.skipped.length}):`, skipped);
  }

  async function doMark(target: CylinderStatus): Promise<void> {
    const ids = [...selection.keys()];
    const result = await ctx.backend.markCylinders(ids, target);
    selection.clear();
    showOutcome(result, target);
    await list.reload();
    ctx.changed();
  }

  async function mark(b: HTMLButtonElement, target: CylinderStatus): Promise<void> {
    if (selection.size > MAX_BATCH) {
      outcome.error(`Select at most ${MAX_BATCH} cylinders at a time (${selection.size} are selected).`);
      return;
    }
    const withCustomers = [...selection.values()].filter((s) => s.status === "Assigned").map((s) => s.code);
    if (withCustomers.length > 0) {
      const meaning =
        target === "Empty"
          ? "Marking them Empty records that the customer returned them."
          : "Marking them Filled records that they came back unused; the customer no longer holds them.";
      formDialog(ctx.host, {
        title: `Mark ${plural(selection.size, "cylinder")} ${target}?`,
        testid: "inventory-mark-dialog",
        intro: `${plural(withCustomers.length, "selected cylinder")} ${withCustomers.length === 1 ? "is" : "are"} with a customer (${withCustomers.slice(0, 8).join(", ")}${withCustomers.length > 8 ? ", …" : ""}). ${meaning}`,
        body: [],
        submitLabel: `Mark ${target}`,
        async onSubmit() {
          await doMark(target);
          return true;
        },
      });
      return;
    }
    outcome.clear();
    await withBusy(b, null, async () => {
      try {
        await doMark(target);
      } catch (raw) {
        showError(raw, outcome);
      }
    });
  }

  async function openRefillAll(): Promise<void> {
    let empties: number | null = null;
    await withBusy(refillAll, null, async () => {
      try {
        empties = (await ctx.backend.dashboard()).stock.empty;
      } catch {
        empties = null; // the dialog still works without the count
      }
    });
    if (!refillAll.isConnected) return;
    const count = empties;
    formDialog(ctx.host, {
      title: "Refill all empty cylinders?",
      testid: "inventory-refill-dialog",
      intro:
        count === null
          ? "Every Empty cylinder will be marked Filled and join the back of the FIFO queue."
          : count === 0
            ? "There are no Empty cylinders right now."
            : `${plural(count, "Empty cylinder")} will be marked Filled and join the back of the FIFO queue.`,
      body: [],
      submitLabel: "Refill all",
      async onSubmit() {
        const refilled = await ctx.backend.refillAllEmpty();
        outcome.ok(refilled === 0 ? "There were no empty cylinders to refill." : `Refilled ${plural(refilled, "cylinder")}; they are now Filled, at the back of the FIFO queue.`);
        await list.reload();
        ctx.changed();
        return true;
      },
    });
  }

  function openRegister(): void {
    const mode = radioGroup<"generate" | "serials">("IDs", "register-mode", [
      { value: "generate", label: "Generate IDs (like ABC123)", testid: "register-mode-generate" },
      { value: "serials", label: "Type serial numbers", testid: "register-mode-serials" },
    ]);
    mode.set("generate");
    const count = field("How many", textInput({ testid: "register-count", attrs: { inputmode: "numeric", size: "6", value: "10" } }), {
      hint: `1 to ${MAX_BATCH} at a time.`,
    });
    const serials = field("Serial numbers", textArea({ testid: "register-serials", attrs: { rows: "6", placeholder: "One serial number a line" } }), {
      hint: "One a line; letters, digits, '-' or '/'.",
      class: "admin-field--wide",
    });
    const state = radioGroup<CylinderStatus>("They arrive", "register-status", [
      { value: "Filled", label: "Filled (ready to hand out)", testid: "register-status-filled" },
      { value: "Empty", label: "Empty (waiting for a refill)", testid: "register-status-empty" },
    ]);
    state.set("Filled");
    const showMode = () => {
      const generate = mode.value() === "generate";
      count.el.hidden = !generate;
      serials.el.hidden = generate;
    };
    for (const input of mode.inputs) input.addEventListener("change", showMode);
    showMode();
    const fields = { count, serials, status: state };
    formDialog(ctx.host, {
      title: "Register cylinders",
      testid: "inventory-register-dialog",
      body: [mode.el, count.el, serials.el, state.el],
      submitLabel: "Register",
      fields,
      async onSubmit(d) {
        clearErrors(fields);
        d.notice.clear();
        const status = state.value() ?? "Filled";
        let input: { serials: string[]; count: number; status: CylinderStatus };
        if (mode.value() === "serials") {
          const parsed = parseSerials(serials.control.value, MAX_BATCH);
          if ("error" in parsed) {
            serials.setError(parsed.error);
            serials.control.focus();
            return false;
          }
          input = { serials: parsed.value, count: parsed.value.length, status };
        } else {
          const parsed = parseWholeNumber(count.control.value, 1, MAX_BATCH, "number of cylinders");
          if ("error" in parsed) {
            count.setError(parsed.error);
            count.control.focus();
            return false;
          }
          input = { serials: [], count: parsed.value, status };
        }
        const created = await ctx.backend.registerCylinders(input);
        const codes = h(
          "div",
          { class: "admin-codes", attrs: { "data-testid": "inventory-registered" } },
          ...created.map((c) => h("code", {}, c.cylinder_code)),
        );
        outcome.ok(`Registered ${plural(created.length, `${status} cylinder`)}:`, codes);
        await list.reload();
        ctx.changed();
        return true;
      },
    });
  }

  function openHistory(c: Cylinder): void {
    const historyError = notice("cylinder-history-error");
    const { list: history } = pagedTable<AuditEntry>({
      testid: "cylinder-history",
      headers: AUDIT_HEADERS,
      top: true,
      limit: 20,
      fetch: (page) => ctx.backend.cylinderHistory(c.id, page),
      row: auditRow,
      empty: "No history recorded.",
      errors: historyError,
    });
    const summary = h(
      "p",
      { class: "admin-muted" },
      `Now ${c.status}${c.assigned_to_username === null ? "" : `, with ${c.assigned_to_username}`}. Oldest change first.`,
    );
    viewDialog(ctx.host, {
      title: `Cylinder ${c.cylinder_code}: history`,
      testid: "cylinder-history",
      body: [summary, historyError.el, history.region, history.pager],
    });
    void history.restart();
  }

  status.control.addEventListener("change", () => void list.restart());
  restartOnTyping(search.control, list);

  syncSelection();
  void list.restart();
  const el = screen(
    "inventory",
    screenHeader("Inventory", "inventory", registerButton, refillAll),
    toolbar(status.el, search.el, h("div", { class: "admin-toolbar__spacer" }), selectedLabel, clearSelection, markFilled, markEmpty),
    outcome.el,
    error.el,
    list.region,
    list.pager,
  );
  return { el };
}
