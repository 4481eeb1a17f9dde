// Manual assignment (on the Bookings screen): staff give a chosen Filled cylinder to a chosen
// customer, bypassing the FIFO queue, for cash or free, with a reason; then a receipt to print
// (assignment-receipt.ts). The customer and the cylinder are each picked with lib/pick.ts; the
// cylinder is of one of the customer's connection types, and never one held back or due for
// test. A paid refill follows the refill rules unless staff tick "Override the refill rules"
// (the backend records the override with the reason).
import type { Connection } from "../../gen/Connection";
import type { Customer } from "../../gen/Customer";
import type { Cylinder } from "../../gen/Cylinder";
import type { CylinderFilter } from "../../gen/CylinderFilter";
import type { CylinderType } from "../../gen/CylinderType";
import type { ManualPayment } from "../../gen/ManualPayment";
import { h } from "../../lib/dom";
import { clearErrors, field, notice, radioGroup, showError } from "../../lib/form";
import { formatRupees } from "../../lib/format";
import { parseCylinderCode } from "../../lib/parse";
import { pick } from "../../lib/pick";
import { allowanceText, formatCalendarDay } from "../../lib/trade";
import { badge, button, select, textInput, uid, withBusy } from "../../lib/ui";
import { checkRequiredLine } from "../../lib/validate";
import type { ScreenContext } from "../context";
import { receiptView } from "./assignment-receipt";

export interface AssignmentPanel {
  el: HTMLElement;
  /** Shows the panel with an empty form (or focuses it when it is already open). */
  open(): void;
}

/** A type the cylinder may be of: one of the chosen customer's connections, or any type on sale before one is chosen. */
interface Offer {
  typeId: number;
  name: string;
  price: string;
}

/** One connection in words: `14.2 kg domestic: double-bottle (2), holds 1; next paid refill from 7 Dec 2026`. */
function connectionLine(c: Connection): string {
  const next = c.next_refill_from === null ? "" : `; next paid refill from ${formatCalendarDay(c.next_refill_from)}`;
  return `${c.type_name}: ${allowanceText(c.allowance)}, holds ${c.held}${next}`;
}

/** The panel, hidden until opened; `onAssigned` runs after each assignment (reload the list). */
export function assignmentPanel(ctx: ScreenContext, onAssigned: () => void): AssignmentPanel {
  const formNotice = notice("assign-error");
  let chosen: Customer | null = null;
  let connections: Connection[] = [];
  let types: CylinderType[] = [];

  const customerSearch = field(
    "Customer",
    textInput({ testid: "assign-customer-search", attrs: { placeholder: "Username, name, phone or consumer no.", maxlength: "64" } }),
    { hint: "Type the start of a username, name, phone or consumer number, then pick from the list." },
  );
  const chosenView = h("div", { class: "admin-chosen", attrs: { "data-testid": "assign-customer-chosen" } });
  const connectionsView = h("ul", { class: "admin-assign__connections admin-small", attrs: { "data-testid": "assign-connections" } });
  const kind = field("Type", select<string>([], "", { testid: "assign-type" }), { hint: "One of the customer's connections." });
  const cylinder = field("Cylinder ID", textInput({ testid: "assign-cylinder", attrs: { placeholder: "e.g. ABC123", maxlength: "32", size: "14" } }), {
    hint: "Must be Filled, not held back and not due for test. Pick from the list below or type it.",
  });
  const payment = radioGroup<ManualPayment>("Payment", "assign-payment", [
    { value: "Cash", label: "Cash collected", testid: "assign-cash" },
    { value: "Free", label: "Free (replacement or goodwill)", testid: "assign-free" },
  ]);
  const reason = field("Reason", textInput({ testid: "assign-reason", attrs: { maxlength: "300", placeholder: "e.g. Replacement for a leaking cylinder" } }), {
    hint: "Required; goes in the booking's note and the audit log.",
    class: "admin-field--wide",
  });
  const override = h("input", { attrs: { type: "checkbox", "data-testid": "assign-override" } });
  const overrideHintId = uid("override-hint");
  override.setAttribute("aria-describedby", overrideHintId);
  const overrideBox = h(
    "div",
    { class: "admin-override admin-field--wide", attrs: { "data-testid": "assign-override-box" } },
    h("label", { class: "check" }, override, "Override the refill rules"),
    h(
      "p",
      { class: "field__hint", id: overrideHintId },
      "Only for a paid refill the days-apart rule or the yearly cap would refuse. The override is recorded in the audit log with your reason.",
    ),
  );
  // Where a refusal by the refill rules is said: beside the tick box that can overrule it.
  const ruleLine = h("p", { class: "field__error admin-override__refusal", attrs: { role: "alert", "data-testid": "assign-refill-rule" } });
  ruleLine.hidden = true;
  overrideBox.append(ruleLine);
  override.addEventListener("change", () => overrideBox.classList.remove("admin-override--asked"));

  /** The types offered for the cylinder, with the price a cash sale takes. */
  function offers(): Offer[] {
    if (chosen !== null) return connections.map((c) => ({ typeId: c.type_id, name: c.type_name, price: c.price }));
    return types.filter((t) => t.active).map((t) => ({ typeId: t.id, name: t.name, price: t.price }));
  }

  function chosenOffer(): Offer | undefined {
    return offers().find((o) => String(o.typeId) === kind.control.value);
  }

  /** The type box follows the customer's connections; the cash label, the chosen type's price. */
  function renderTypes(): void {
    const list = offers();
    const before = kind.control.value;
    kind.control.replaceChildren(...list.map((o) => h("option", { attrs: { value: String(o.typeId) } }, o.name)));
    kind.control.value = list.some((o) => String(o.typeId) === before) ? before : String(list[0]?.typeId ?? "");
    kind.control.disabled = list.length === 0;
    renderPrice();
  }

  function renderPrice(): void {
    const offer = chosenOffer();
    const cash = payment.inputs[0];
    const label = cash?.parentElement;
    if (cash !== undefined && label !== null && label !== undefined) {
      label.replaceChildren(cash, offer === undefined ? "Cash collected" : `Cash collected (${formatRupees(offer.price)})`);
    }
  }

  // Customer: type → matching customers → pick one.
  const customers = pick<Customer>({
    input: customerSearch.control,
    testid: "assign-customer-results",
    optionTestid: "assign-customer-option",
    query: (typed) => typed.trim(),
    search: async (query) => {
      const page = await ctx.backend.searchCustomers(query, { offset: 0, limit: 8 });
      return { items: page.items, more: page.has_more };
    },
    key: (c) => c.username,
    label: (c) => [
      h("strong", {}, c.username),
      ` ${c.full_name} · ${c.consumer_no}${c.phone === "" ? "" : ` · ${c.phone}`}`,
      c.has_active_cylinder ? h("span", { class: "admin-muted admin-small" }, " · holds cylinders") : "",
    ],
    nothing: () => "No customer matches.",
    moreText: "More match: type more of it.",
    onPick: (c) => void choose(c),
    onError: (raw) => showError(raw, formNotice),
    ignore: () => chosen !== null,
    keys: true,
  });

  async function choose(c: Customer): Promise<void> {
    chosen = c;
    connections = [];
    customerSearch.setError(null);
    renderChosen();
    try {
      connections = await ctx.backend.customerConnections(c.id);
    } catch (raw) {
      showError(raw, formNotice);
    }
    if (chosen !== c) return; // changed meanwhile
    renderChosen();
    const before = kind.control.value;
    renderTypes();
    // The offered cylinders change only with the type (a list redrawn under the pointer misleads).
    if (kind.control.value !== before) void cylinders.searchNow();
    cylinder.control.focus();
  }

  // Cylinder: type its ID, or pick one of the chosen type from the Filled stock that can be handed out.
  const cylinders = pick<Cylinder>({
    input: cylinder.control,
    testid: "assign-cylinder-options",
    optionTestid: "assign-cylinder-option",
    listClass: "admin-picker--inline",
    optionClass: "admin-code",
    query: (typed) => typed.trim().toUpperCase(),
    searchEmpty: true,
    search: async (prefix) => {
      const filter: CylinderFilter = { status: "Filled" };
      if (kind.control.value !== "") filter.type_id = Number(kind.control.value);
      const page = await ctx.backend.listCylinders(filter, prefix, { offset: 0, limit: 12 });
      return { items: page.items.filter((c) => !c.reserved && c.hold === null && !c.due_for_test), more: false };
    },
    key: (c) => c.cylinder_code,
    label: (c) => [c.cylinder_code],
    nothing: (prefix) => {
      const of = chosenOffer()?.name ?? "";
      return prefix === "" ? `No ${of} cylinder in stock can be handed out.` : `No ${of} cylinder that can be handed out starts with ${prefix}.`;
    },
    onPick: (c) => {
      cylinder.control.value = c.cylinder_code;
      cylinder.setError(null);
      void cylinders.searchNow();
      payment.inputs[0]?.focus();
    },
    onError: (raw) => showError(raw, formNotice),
  });
  kind.control.addEventListener("change", () => {
    renderPrice();
    void cylinders.searchNow();
  });

  const submit = button("Assign cylinder", null, { variant: "primary", type: "submit", testid: "assign-submit" });
  const close = button(
    "Close",
    () => {
      el.hidden = true;
    },
    { variant: "ghost", testid: "assign-close" },
  );
  const fields = { customer_id: customerSearch, type_id: kind, cylinder_code: cylinder, payment, reason };
  const form = h(
    "form",
    { class: "admin-form", attrs: { novalidate: "", "data-testid": "assign-form" } },
    h(
      "div",
      { class: "admin-form__grid" },
      h("div", {}, customerSearch.el, chosenView, connectionsView, customers.el),
      h("div", {}, kind.el, cylinder.el, cylinders.el),
    ),
    h("div", { class: "admin-form__grid" }, payment.el, reason.el, overrideBox),
    formNotice.el,
    h("div", { class: "admin-form__actions" }, submit, close),
  );
  const body = h("div", {}, form);
  const el = h(
    "section",
    { class: "card admin-card admin-assign", attrs: { "data-testid": "assign-panel", "aria-label": "Manual assignment" } },
    h("h3", { class: "admin-card__title" }, "Manual assignment"),
    h(
      "p",
      { class: "admin-muted admin-small" },
      "Give a chosen Filled cylinder to a customer, bypassing the FIFO queue. When they hold all their connection allows, the oldest they hold is recorded as returned Empty.",
    ),
    body,
  );
  el.hidden = true;

  function renderChosen(): void {
    if (chosen === null) {
      chosenView.hidden = true;
      connectionsView.hidden = true;
      customerSearch.control.hidden = false;
      return;
    }
    const c = chosen;
    chosenView.hidden = false;
    customerSearch.control.hidden = true;
    customers.clear();
    const change = button(
      "Change",
      () => {
        chosen = null;
        connections = [];
        renderChosen();
        renderTypes();
        customerSearch.control.focus();
        void customers.searchNow();
        void cylinders.searchNow();
      },
      { variant: "ghost", testid: "assign-customer-change" },
    );
    chosenView.replaceChildren(
      h("strong", {}, c.username),
      ` ${c.full_name} · ${c.consumer_no}${c.phone === "" ? "" : `, ${c.phone}`} `,
      c.has_active_cylinder ? badge("holds cylinders", { kind: "assigned" }) : badge("no cylinder yet", { kind: "none" }),
      change,
    );
    connectionsView.hidden = false;
    connectionsView.replaceChildren(
      ...(connections.length === 0
        ? [h("li", { class: "admin-muted" }, "No connections: add one from the Customers screen first.")]
        : connections.map((x) => h("li", { attrs: { "data-testid": `assign-connection-${x.type_id}` } }, connectionLine(x)))),
    );
  }

  async function loadTypes(): Promise<void> {
    try {
      types = await ctx.backend.cylinderTypes();
    } catch {
      types = []; // the customer's connections still name their types
    }
    renderTypes();
    void cylinders.searchNow();
  }

  function clearRefusal(): void {
    ruleLine.hidden = true;
    ruleLine.textContent = "";
    overrideBox.classList.remove("admin-override--asked");
  }

  function reset(): void {
    chosen = null;
    connections = [];
    customerSearch.control.value = "";
    customers.clear();
    cylinder.control.value = "";
    payment.set(null);
    reason.control.value = "";
    override.checked = false;
    clearErrors(fields);
    clearRefusal();
    formNotice.clear();
    body.replaceChildren(form);
    renderChosen();
    renderTypes();
    void cylinders.searchNow();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    clearErrors(fields);
    clearRefusal();
    formNotice.clear();
    // Every problem beside its field at once; focus goes to the first.
    const code = parseCylinderCode(cylinder.control.value);
    const pay = payment.value();
    const reasonProblem = checkRequiredLine(reason.control.value, "reason", 300);
    let first: HTMLElement | null = null;
    const flag = (set: () => void, control: HTMLElement | undefined) => {
      set();
      first ??= control ?? null;
    };
    if (chosen === null) flag(() => customerSearch.setError("Choose a customer from the list."), customerSearch.control);
    if ("error" in code) flag(() => cylinder.setError(code.error), cylinder.control);
    if (pay === null) flag(() => payment.setError("Choose Cash or Free."), payment.inputs[0]);
    if (reasonProblem !== null) flag(() => reason.setError(reasonProblem), reason.control);
    if (chosen === null || "error" in code || pay === null || reasonProblem !== null) {
      (first as HTMLElement | null)?.focus();
      return;
    }
    const input = {
      customer_id: chosen.id,
      cylinder_code: code.value,
      payment: pay,
      reason: reason.control.value.trim(),
      override_refill_rules: override.checked,
    };
    void withBusy(submit, null, async () => {
      try {
        const receipt = await ctx.backend.assignManually(input);
        const done = () => {
          reset();
          el.hidden = true;
        };
        const another = () => {
          reset();
          customerSearch.control.focus();
        };
        body.replaceChildren(receiptView(receipt, another, done));
        body.querySelector<HTMLElement>("[data-testid=assign-another]")?.focus();
        onAssigned();
      } catch (raw) {
        const error = showError(raw, formNotice, fields);
        if (error.code === "RefillRule") {
          // Said beside the tick box that can overrule it, and the box is where focus goes.
          formNotice.clear();
          ruleLine.textContent = error.message;
          ruleLine.hidden = false;
          overrideBox.classList.add("admin-override--asked");
          override.focus();
        }
      }
    });
  });

  return {
    el,
    open() {
      if (!el.hidden) {
        customerSearch.control.focus();
        return;
      }
      reset();
      el.hidden = false;
      void loadTypes();
      customerSearch.control.focus();
    },
  };
}
