// Inventory: cylinders by status, type, ID prefix and "due for test / held back", page by page;
// select several to mark Filled or Empty; refill every empty; register new cylinders; hold one
// back, release it, record its test-due stamp; print the send-to-plant list; one cylinder's
// history.
import type { AuditEntry } from "../../gen/AuditEntry";
import type { Cylinder } from "../../gen/Cylinder";
import type { CylinderFilter } from "../../gen/CylinderFilter";
import type { CylinderStatus } from "../../gen/CylinderStatus";
import type { CylinderType } from "../../gen/CylinderType";
import type { MarkOutcome } from "../../gen/MarkOutcome";
import { h } from "../../lib/dom";
import { field, notice, showError } from "../../lib/form";
import { plural } from "../../lib/format";
import { pagedTable, restartOnTyping } from "../../lib/pager";
import type { Screen } from "../../lib/screen";
import { cell } from "../../lib/table";
import { formatDateTime } from "../../lib/time";
import { badge, button, select, textInput, withBusy } from "../../lib/ui";
import type { NavHint, ScreenContext } from "../context";
import { formDialog, viewDialog } from "../dialogs";
import { screen, screenHeader, toolbar } from "../frame";
import { AUDIT_HEADERS, auditRow } from "./audit";
import { openHoldBack, openRelease, openSetTestDue } from "./cylinder-actions";
import { holdMark, testDueMark } from "./cylinder-marks";
import { fetchPlantList, plantListView, printPlantList } from "./plant-list";
import { MAX_BATCH, openRegister } from "./register-cylinders";

export { MAX_BATCH };

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
  const kind = field("Type", select<string>([{ value: "", label: "All types" }], "", { testid: "inventory-type" }));
  const attention = h("input", { attrs: { type: "checkbox", "data-testid": "inventory-attention" } });
  attention.checked = hint.attention === true;
  const attentionToggle = h("label", { class: "check" }, attention, "Due for test / held back");
  // Cylinders from before GasDesk kept test dates: staff read each stamp and record it.
  const undated = h("input", { attrs: { type: "checkbox", "data-testid": "inventory-undated" } });
  undated.checked = hint.undated === true;
  const undatedToggle = h("label", { class: "check" }, undated, "Test date not recorded");
  let types: CylinderType[] = [];
  /** The type the screen was sent to, until the types are loaded and the select can show it. */
  let wantedType = hint.typeId === undefined ? "" : String(hint.typeId);
  const sentToType = wantedType !== "";
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
  const registerButton = button("Register cylinders…", () => void register(), { testid: "inventory-register" });
  const refillAll = button("Refill all empties…", () => void openRefillAll(), { variant: "primary", testid: "inventory-refill-all" });
  const printPlant = button("Print send-to-plant list", (b) => void printList(b), { testid: "inventory-print-plant" });

  const selectPage = h("input", { attrs: { type: "checkbox", "data-testid": "inventory-select-page", "aria-label": "Select every cylinder on this page" } });
  const selection = new Map<number, Selected>();
  let rows: Cylinder[] = [];

  const { list, body } = pagedTable<Cylinder>({
    testid: "inventory",
    headers: [selectPage, "Cylinder ID", "Type", "Status", "Test due", "Held by", "Filled at (FIFO)", "Last change", ""],
    keyset: true,
    fetch: (page) => ctx.backend.listCylinders(currentFilter(), search.control.value, page),
    row,
    empty: "No cylinders match.",
    errors: error,
    onRender(items) {
      rows = items;
      syncSelection();
    },
  });

  /** The filters as the backend takes them (a filter not chosen is left out). */
  function currentFilter(): CylinderFilter {
    const filter: CylinderFilter = {};
    if (status.control.value !== "") filter.status = status.control.value as CylinderStatus;
    if (kind.control.value !== "") filter.type_id = Number(kind.control.value);
    if (attention.checked) filter.attention = true;
    if (undated.checked) filter.undated = true;
    return filter;
  }

  async function loadTypes(): Promise<void> {
    const keep = wantedType !== "" ? wantedType : kind.control.value;
    wantedType = "";
    try {
      types = await ctx.backend.cylinderTypes();
    } catch {
      return; // the list still works without the type filter; registering asks again
    }
    kind.control.replaceChildren(
      h("option", { attrs: { value: "" } }, "All types"),
      ...types.map((t) => h("option", { attrs: { value: String(t.id) } }, t.active ? t.name : `${t.name} (inactive)`)),
    );
    kind.control.value = keep;
  }

  /** After a dialog changed one cylinder: say what happened, show the list again. */
  async function changedOne(_c: Cylinder, said: string): Promise<void> {
    outcome.ok(said);
    await list.reload();
    ctx.changed();
  }

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
    const held = holdMark(c);
    if (held !== null) statusCell.append(" ", held);
    const actions = h(
      "div",
      { class: "admin-row-actions" },
      button("History", () => openHistory(c), { variant: "ghost", testid: `inventory-history-${c.cylinder_code}` }),
    );
    if (c.hold !== null) {
      actions.append(button("Release", () => openRelease(ctx, c, changedOne), { variant: "ghost", testid: `inventory-release-${c.cylinder_code}` }));
    } else if (c.status !== "Assigned" && !c.reserved) {
      // One with a customer (or being paid for) is held back once it comes back.
      actions.append(button("Hold back…", () => openHoldBack(ctx, c, changedOne), { variant: "ghost", testid: `inventory-hold-${c.cylinder_code}` }));
    }
    actions.append(button("Set test date…", () => openSetTestDue(ctx, c, changedOne), { variant: "ghost", testid: `inventory-test-due-${c.cylinder_code}` }));
    const tr = h(
      "tr",
      { attrs: { "data-testid": `inventory-row-${c.cylinder_code}`, "data-status": c.status } },
      cell(box),
      cell(h("strong", { class: "admin-code" }, c.cylinder_code)),
      cell(h("span", { class: "admin-words", attrs: { "data-testid": `inventory-type-${c.cylinder_code}` } }, c.type_name)),
      statusCell,
      cell(testDueMark(c)),
      cell(
        c.assigned_to_username ?? "—",
        c.assigned_to_consumer_no === null ? "" : h("span", { class: "admin-small admin-muted admin-block" }, c.assigned_to_consumer_no),
      ),
      cell(formatDateTime(c.filled_at)),
      cell(formatDateTime(c.updated_at)),
      cell(actions),
    );
    if (c.hold !== null || c.due_for_test) tr.classList.add("admin-row--attention");
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

  /**
   * How many Empty cylinders a refill of all would fill: held-back ones stay Empty (they go to
   * the plant, not into stock). Null when it could not be counted; `more` when the held ones
   * are too many to count in one page.
   */
  async function refillable(): Promise<{ fill: number; held: number; more: boolean } | null> {
    try {
      const empties = (await ctx.backend.dashboard()).stock.empty;
      const flagged = await ctx.backend.listCylinders({ status: "Empty", attention: true }, "", { offset: 0, limit: 200 });
      const held = flagged.items.filter((c) => c.hold !== null).length;
      return { fill: Math.max(0, empties - held), held, more: flagged.has_more };
    } catch {
      return null; // the dialog still works without the count
    }
  }

  async function openRefillAll(): Promise<void> {
    const count = await withBusy(refillAll, null, refillable);
    if (!refillAll.isConnected) return;
    const heldWords =
      count === null || count.held === 0 ? "" : ` ${count.more ? "At least " : ""}${plural(count.held, "held-back cylinder")} stay${count.held === 1 && !count.more ? "s" : ""} Empty until released.`;
    formDialog(ctx.host, {
      title: "Refill all empty cylinders?",
      testid: "inventory-refill-dialog",
      intro:
        count === null
          ? "Every Empty cylinder not held back will be marked Filled and join the back of the FIFO queue."
          : count.fill === 0 && !count.more
            ? `There are no Empty cylinders to refill right now.${heldWords}`
            : `${count.more ? "About " : ""}${plural(count.fill, "Empty cylinder")} will be marked Filled and join the back of the FIFO queue.${heldWords}`,
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

  async function register(): Promise<void> {
    if (types.length === 0) await loadTypes();
    openRegister(ctx, types, async (created, arrived) => {
      const codes = h(
        "div",
        { class: "admin-codes", attrs: { "data-testid": "inventory-registered" } },
        ...created.map((c) => h("code", {}, c.cylinder_code)),
      );
      const typeName = created[0]?.type_name ?? "";
      outcome.ok(`Registered ${plural(created.length, `${arrived} ${typeName} cylinder`)}:`, codes);
      await list.reload();
      ctx.changed();
    });
  }

  /** Prints every cylinder the filters show (the attention filter on): the send-to-plant list. */
  async function printList(b: HTMLButtonElement): Promise<void> {
    outcome.clear();
    await withBusy(b, "Preparing…", async () => {
      try {
        const { items, cut } = await fetchPlantList(ctx, currentFilter(), search.control.value);
        if (items.length === 0) {
          outcome.info("No cylinder is due for test or held back (with these filters): there is nothing to send.");
          return;
        }
        let agency = "";
        try {
          agency = (await ctx.backend.appInfo()).settings.agency_name;
        } catch {
          // The list is complete without the agency's name.
        }
        const area = b.closest<HTMLElement>(".admin") ?? ctx.host;
        printPlantList(area, plantListView(items, cut, agency));
        outcome.ok(`Sent ${plural(items.length, "cylinder")} to the printer${cut ? " (the first of more)" : ""}.`);
      } catch (raw) {
        showError(raw, outcome);
      }
    });
  }

  function syncPrint(): void {
    printPlant.disabled = !attention.checked;
    printPlant.title = attention.checked ? "Print the cylinders listed (every page)" : "Tick “Due for test / held back” first";
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
  kind.control.addEventListener("change", () => void list.restart());
  attention.addEventListener("change", () => {
    syncPrint();
    void list.restart();
  });
  undated.addEventListener("change", () => void list.restart());
  restartOnTyping(search.control, list);

  syncSelection();
  syncPrint();
  // The list waits for the types only when it was sent to one (the select must show it).
  const typesLoaded = loadTypes();
  void (sentToType ? typesLoaded.then(() => list.restart()) : list.restart());
  const el = screen(
    "inventory",
    screenHeader("Inventory", "inventory", registerButton, refillAll),
    toolbar(status.el, kind.el, search.el, attentionToggle, undatedToggle, printPlant, h("div", { class: "admin-toolbar__spacer" }), selectedLabel, clearSelection, markFilled, markEmpty),
    outcome.el,
    error.el,
    list.region,
    list.pager,
  );
  return { el };
}
