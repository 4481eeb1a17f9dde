// Manual assignment (on the Bookings screen): staff give a chosen Filled cylinder to a chosen
// customer, bypassing the FIFO queue, for cash or free, with a reason; then a receipt to print.
// The customer and the cylinder are each picked with lib/pick.ts.
import type { Customer } from "../../gen/Customer";
import type { Cylinder } from "../../gen/Cylinder";
import type { ManualPayment } from "../../gen/ManualPayment";
import type { Receipt } from "../../gen/Receipt";
import { h } from "../../lib/dom";
import { clearErrors, field, notice, radioGroup, showError } from "../../lib/form";
import { formatRupees } from "../../lib/format";
import { parseCylinderCode } from "../../lib/parse";
import { pick } from "../../lib/pick";
import { formatDateTime } from "../../lib/time";
import { badge, button, textInput, withBusy } from "../../lib/ui";
import { checkRequiredLine } from "../../lib/validate";
import type { ScreenContext } from "../context";

export interface AssignmentPanel {
  el: HTMLElement;
  /** Shows the panel with an empty form (or focuses it when it is already open). */
  open(): void;
}

function receiptView(r: Receipt, onAnother: () => void, onClose: () => void): HTMLElement {
  const rows: Array<[string, string]> = [
    ["Booking", r.booking_reference],
    ["Customer", `${r.customer_name} (${r.customer_username})`],
    ["Cylinder given", r.cylinder_code],
    ["Cylinder returned", r.returned_cylinder_code ?? "none (first cylinder)"],
    ["Amount", formatRupees(r.amount)],
    ["Payment", r.method === null ? "Free (no payment)" : `${r.method}${r.payment_reference === null ? "" : `, ${r.payment_reference}`}`],
    ["Time", formatDateTime(r.time)],
  ];
  const print = button(
    "Print",
    (b) => {
      // Only the receipt is printed (admin.css, @media print).
      const area = b.closest(".admin");
      area?.classList.add("admin--print-receipt");
      window.addEventListener("afterprint", () => area?.classList.remove("admin--print-receipt"), { once: true });
      window.print();
    },
    { testid: "assign-print" },
  );
  return h(
    "div",
    { class: "admin-receipt", attrs: { "data-testid": "assign-receipt" } },
    h("h3", { class: "admin-card__title" }, `Assigned: ${r.booking_reference}`),
    h(
      "dl",
      { class: "admin-dl" },
      ...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", { attrs: { "data-testid": `assign-receipt-${k.toLowerCase().replace(/\s+/g, "-")}` } }, v)]),
    ),
    h(
      "div",
      { class: "admin-form__actions" },
      print,
      button("Assign another", onAnother, { variant: "primary", testid: "assign-another" }),
      button("Close", onClose, { variant: "ghost", testid: "assign-done" }),
    ),
  );
}

/** The panel, hidden until opened; `onAssigned` runs after each assignment (reload the list). */
export function assignmentPanel(ctx: ScreenContext, onAssigned: () => void): AssignmentPanel {
  const formNotice = notice("assign-error");
  let chosen: Customer | null = null;

  const customerSearch = field(
    "Customer",
    textInput({ testid: "assign-customer-search", attrs: { placeholder: "Username, name or phone", maxlength: "64" } }),
    { hint: "Type the start of a username, name or phone number, then pick from the list." },
  );
  const chosenView = h("div", { class: "admin-chosen", attrs: { "data-testid": "assign-customer-chosen" } });
  const cylinder = field("Cylinder ID", textInput({ testid: "assign-cylinder", attrs: { placeholder: "e.g. ABC123", maxlength: "32", size: "14" } }), {
    hint: "Must be Filled. Pick from the list below or type it.",
  });
  const payment = radioGroup<ManualPayment>("Payment", "assign-payment", [
    { value: "Cash", label: "Cash collected", testid: "assign-cash" },
    { value: "Free", label: "Free (replacement or goodwill)", testid: "assign-free" },
  ]);
  const reason = field("Reason", textInput({ testid: "assign-reason", attrs: { maxlength: "300", placeholder: "e.g. Replacement for a leaking cylinder" } }), {
    hint: "Required; goes in the booking's note and the audit log.",
    class: "admin-field--wide",
  });

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
      ` ${c.full_name}${c.phone === "" ? "" : ` · ${c.phone}`}`,
      c.has_active_cylinder ? h("span", { class: "admin-muted admin-small" }, " · holds a cylinder") : "",
    ],
    nothing: () => "No customer matches.",
    moreText: "More match: type more of it.",
    onPick: (c) => {
      chosen = c;
      customerSearch.setError(null);
      renderChosen();
      cylinder.control.focus();
    },
    onError: (raw) => showError(raw, formNotice),
    ignore: () => chosen !== null,
    keys: true,
  });

  // Cylinder: type its ID, or pick one from the Filled stock that is not reserved.
  const cylinders = pick<Cylinder>({
    input: cylinder.control,
    testid: "assign-cylinder-options",
    optionTestid: "assign-cylinder-option",
    listClass: "admin-picker--inline",
    optionClass: "admin-code",
    query: (typed) => typed.trim().toUpperCase(),
    searchEmpty: true,
    search: async (prefix) => {
      const page = await ctx.backend.listCylinders("Filled", prefix, { offset: 0, limit: 12 });
      return { items: page.items.filter((c) => !c.reserved), more: false };
    },
    key: (c) => c.cylinder_code,
    label: (c) => [c.cylinder_code],
    nothing: (prefix) => (prefix === "" ? "No Filled cylinders in stock." : `No Filled cylinder starts with ${prefix}.`),
    onPick: (c) => {
      cylinder.control.value = c.cylinder_code;
      cylinder.setError(null);
      void cylinders.searchNow();
      payment.inputs[0]?.focus();
    },
    onError: (raw) => showError(raw, formNotice),
  });

  const submit = button("Assign cylinder", null, { variant: "primary", type: "submit", testid: "assign-submit" });
  const close = button(
    "Close",
    () => {
      el.hidden = true;
    },
    { variant: "ghost", testid: "assign-close" },
  );
  const fields = { customer_id: customerSearch, cylinder_code: cylinder, payment, reason };
  const form = h(
    "form",
    { class: "admin-form", attrs: { novalidate: "", "data-testid": "assign-form" } },
    h("div", { class: "admin-form__grid" }, h("div", {}, customerSearch.el, chosenView, customers.el), h("div", {}, cylinder.el, cylinders.el)),
    h("div", { class: "admin-form__grid" }, payment.el, reason.el),
    formNotice.el,
    h("div", { class: "admin-form__actions" }, submit, close),
  );
  const body = h("div", {}, form);
  const el = h(
    "section",
    { class: "card admin-card admin-assign", attrs: { "data-testid": "assign-panel", "aria-label": "Manual assignment" } },
    h("h3", { class: "admin-card__title" }, "Manual assignment"),
    h("p", { class: "admin-muted admin-small" }, "Give a chosen Filled cylinder to a customer, bypassing the FIFO queue. Their old cylinder is recorded as returned Empty."),
    body,
  );
  el.hidden = true;

  function renderChosen(): void {
    if (chosen === null) {
      chosenView.hidden = true;
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
        renderChosen();
        customerSearch.control.focus();
        void customers.searchNow();
      },
      { variant: "ghost", testid: "assign-customer-change" },
    );
    chosenView.replaceChildren(
      h("strong", {}, c.username),
      ` ${c.full_name}${c.phone === "" ? "" : `, ${c.phone}`} `,
      c.has_active_cylinder ? badge("holds a cylinder", { kind: "assigned" }) : badge("no cylinder yet", { kind: "none" }),
      change,
    );
  }

  async function loadPrice(): Promise<void> {
    try {
      const settings = await ctx.backend.getSettings();
      const cash = payment.inputs[0]?.parentElement;
      if (cash !== null && cash !== undefined) {
        cash.replaceChildren(payment.inputs[0] as HTMLInputElement, `Cash collected (${formatRupees(settings.price)})`);
      }
    } catch {
      // The label without the price is still right.
    }
  }

  function reset(): void {
    chosen = null;
    customerSearch.control.value = "";
    customers.clear();
    cylinder.control.value = "";
    payment.set(null);
    reason.control.value = "";
    clearErrors(fields);
    formNotice.clear();
    body.replaceChildren(form);
    renderChosen();
    void cylinders.searchNow();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    clearErrors(fields);
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
    const input = { customer_id: chosen.id, cylinder_code: code.value, payment: pay, reason: reason.control.value.trim() };
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
        showError(raw, formNotice, fields);
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
      void loadPrice();
      customerSearch.control.focus();
    },
  };
}
