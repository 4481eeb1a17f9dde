// Inventory: cylinders by status / ID prefix, page by page; select several to mark Filled or
// Empty; refill every empty; register new cylinders; one cylinder's history.
import type { AuditEntry } from "../../gen/AuditEntry";
import type { Cylinder } from "../../gen/Cylinder";
import type { CylinderStatus } from "../../gen/CylinderStatus";
import type { MarkOutcome } from "../../gen/MarkOutcome";
import { h } from "../../lib/dom";
import type { NavHint, Screen, ScreenContext } from "../context";
import { formatDateTime, num, plural } from "../format";
import {
  PagedList,
  badge,
  busy,
  button,
  cell,
  clearErrors,
  debounce,
  emptyRow,
  field,
  formDialog,
  notice,
  radioGroup,
  screen,
  screenHeader,
  select,
  showError,
  table,
  textArea,
  textInput,
  toolbar,
  viewDialog,
} from "../ui";
import * as check from "../validate";
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

  const status = field("Status", select<StatusFilter>("inventory-status", STATUS_OPTIONS, hint.cylinderStatus ?? ""));
  const search = field("Cylinder ID starts with", textInput("inventory-search", { placeholder: "e.g. ABC", size: "12", maxlength: "32" }));
  const selectedLabel = h("span", { class: "admin-selection", attrs: { "data-testid": "inventory-selected", "aria-live": "polite" } });
  const markFilled = button("Mark Filled", "mark-filled", "secondary", (b) => void mark(b, "Filled"));
  const markEmpty = button("Mark Empty", "mark-empty", "secondary", (b) => void mark(b, "Empty"));
  const clearSelection = button("Clear selection", "inventory-clear-selection", "quiet", () => {
    selection.clear();
    syncSelection();
  });
  const registerButton = button("Register cylinders…", "inventory-register", "secondary", () => openRegister());
  const refillAll = button("Refill all empties…", "inventory-refill-all", "primary", () => void openRefillAll());

  const selectPage = h("input", { attrs: { type: "checkbox", "data-testid": "inventory-select-page", "aria-label": "Select every cylinder on this page" } });
  const { body, wrap } = table("inventory", [selectPage, "Cylinder ID", "Status", "Held by", "Filled at (FIFO)", "Last change", ""]);
  const selection = new Map<number, Selected>();
  let rows: Cylinder[] = [];

  const list = new PagedList<Cylinder>(
    {
      testid: "inventory",
      keyset: true,
      fetch: (page) => ctx.backend.listCylinders(status.control.value === "" ? null : (status.control.value as CylinderStatus), search.control.value, page),
      render(items) {
        rows = items;
        body.replaceChildren(...(items.length === 0 ? [emptyRow(7, "No cylinders match.")] : items.map(row)));
        syncSelection();
      },
      onError: (e) => error.error(e.message),
      onLoaded: () => error.clear(),
    },
    wrap,
  );

  function row(c: Cylinder): HTMLTableRowElement {
    const id = num(c.id);
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
    if (c.reserved) statusCell.append(" ", badge("reserved", "reserved"));
    const history = button("History", `inventory-history-${c.cylinder_code}`, "quiet", () => openHistory(c));
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
    const onPage = rows.filter((c) => selection.has(num(c.id))).length;
    selectPage.checked = rows.length > 0 && onPage === rows.length;
    selectPage.indeterminate = onPage > 0 && onPage < rows.length;
    for (const box of body.querySelectorAll<HTMLInputElement>("input[type=checkbox]")) {
      const code = box.getAttribute("data-testid")?.replace(/^inventory-select-/, "");
      const c = rows.find((r) => r.cylinder_code === code);
      if (c !== undefined) {
        box.checked = selection.has(num(c.id));
        box.closest("tr")?.classList.toggle("is-selected", box.checked);
      }
    }
  }

  selectPage.addEventListener("change", () => {
    for (const c of rows) {
      if (selectPage.checked) selection.set(num(c.id), { code: c.cylinder_code, status: c.status });
      else selection.delete(num(c.id));
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
        async onSubmit(d) {
          try {
            await doMark(target);
            return true;
          } catch (raw) {
            showError(raw, d.notice);
            return false;
          }
        },
      });
      return;
    }
    outcome.clear();
    await busy(b, async () => {
      try {
        await doMark(target);
      } catch (raw) {
        showError(raw, outcome);
      }
    });
  }

  async function openRefillAll(): Promise<void> {
    let empties: number | null = null;
    await busy(refillAll, async () => {
      try {
        empties = num((await ctx.backend.dashboard()).stock.empty);
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
      async onSubmit(d) {
        try {
          const refilled = await ctx.backend.refillAllEmpty();
          outcome.ok(refilled === 0 ? "There were no empty cylinders to refill." : `Refilled ${plural(refilled, "cylinder")}; they are now Filled, at the back of the FIFO queue.`);
          await list.reload();
          ctx.changed();
          return true;
        } catch (raw) {
          showError(raw, d.notice);
          return false;
        }
      },
    });
  }

  function openRegister(): void {
    const mode = radioGroup<"generate" | "serials">("IDs", "register-mode", [
      { value: "generate", label: "Generate IDs (like ABC123)", testid: "register-mode-generate" },
      { value: "serials", label: "Type serial numbers", testid: "register-mode-serials" },
    ]);
    mode.set("generate");
    const count = field("How many", textInput("register-count", { inputmode: "numeric", size: "6", value: "10" }), {
      hint: `1 to ${MAX_BATCH} at a time.`,
    });
    const serials = field("Serial numbers", textArea("register-serials", { rows: "6", placeholder: "One serial number a line" }), {
      hint: "One a line; letters, digits, '-' or '/'.",
      wide: true,
    });
    const state = radioGroup<CylinderStatus>("They arrive", "register-status", [
      { value: "Filled", label: "Filled (ready to hand out)", testid: "register-status-filled" },
      { value: "Empty", label: "Empty (waiting for a refill)", testid: "register-status-empty" },
    ]);
    state.set("Filled");
    const showMode = () => {
      const generate = mode.value() === "generate";
      count.row.hidden = !generate;
      serials.row.hidden = generate;
    };
    for (const input of mode.inputs) input.addEventListener("change", showMode);
    showMode();
    const fields = { count, serials, status: state };
    formDialog(ctx.host, {
      title: "Register cylinders",
      testid: "inventory-register-dialog",
      body: [mode.row, count.row, serials.row, state.row],
      submitLabel: "Register",
      async onSubmit(d) {
        clearErrors(fields);
        d.notice.clear();
        const status = state.value() ?? "Filled";
        let input: { serials: string[]; count: number; status: CylinderStatus };
        if (mode.value() === "serials") {
          const parsed = check.serials(serials.control.value, MAX_BATCH);
          if ("error" in parsed) {
            serials.setError(parsed.error);
            serials.control.focus();
            return false;
          }
          input = { serials: parsed.value, count: parsed.value.length, status };
        } else {
          const parsed = check.wholeNumber(count.control.value, 1, MAX_BATCH, "number of cylinders");
          if ("error" in parsed) {
            count.setError(parsed.error);
            count.control.focus();
            return false;
          }
          input = { serials: [], count: parsed.value, status };
        }
        try {
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
        } catch (raw) {
          showError(raw, d.notice, fields);
          return false;
        }
      },
    });
  }

  function openHistory(c: Cylinder): void {
    const historyError = notice("cylinder-history-error");
    const { body: historyBody, wrap: historyWrap } = table("cylinder-history", AUDIT_HEADERS, { top: true });
    const history = new PagedList<AuditEntry>(
      {
        testid: "cylinder-history",
        limit: 20,
        fetch: (page) => ctx.backend.cylinderHistory(num(c.id), page),
        render(items) {
          historyBody.replaceChildren(...(items.length === 0 ? [emptyRow(AUDIT_HEADERS.length, "No history recorded.")] : items.map(auditRow)));
        },
        onError: (e) => historyError.error(e.message),
        onLoaded: () => historyError.clear(),
      },
      historyWrap,
    );
    const summary = h(
      "p",
      { class: "admin-muted" },
      `Now ${c.status}${c.assigned_to_username === null ? "" : `, with ${c.assigned_to_username}`}. Oldest change first.`,
    );
    viewDialog(ctx.host, {
      title: `Cylinder ${c.cylinder_code}: history`,
      testid: "cylinder-history",
      body: [summary, historyError.el, historyWrap, history.pager],
    });
    void history.restart();
  }

  status.control.addEventListener("change", () => void list.restart());
  const searchSoon = debounce(() => void list.restart(), 250);
  search.control.addEventListener("input", searchSoon);
  search.control.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      void list.restart();
    }
  });

  syncSelection();
  void list.restart();
  const el = screen(
    "inventory",
    screenHeader("Inventory", "inventory", registerButton, refillAll),
    toolbar(status.row, search.row, h("div", { class: "admin-toolbar__spacer" }), selectedLabel, clearSelection, markFilled, markEmpty),
    outcome.el,
    error.el,
    list.region,
    list.pager,
  );
  return { el };
}
