// Bookings: by status or reference, page by page; cancel one (reason required); manual
// assignment of a chosen cylinder to a chosen customer (staff override, cash or free).
import type { Booking } from "../../gen/Booking";
import type { BookingFilter } from "../../gen/BookingFilter";
import type { BookingStatus } from "../../gen/BookingStatus";
import type { Customer } from "../../gen/Customer";
import type { ManualPayment } from "../../gen/ManualPayment";
import type { Receipt } from "../../gen/Receipt";
import { h } from "../../lib/dom";
import { formatRupees } from "../../lib/format";
import type { NavHint, Screen, ScreenContext } from "../context";
import { formatDateTime, num } from "../format";
import { Latest } from "../paging";
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
  submitButton,
  table,
  textArea,
  textInput,
  toolbar,
} from "../ui";
import * as check from "../validate";

type StatusFilter = BookingStatus | "";

const HEADERS = ["Reference", "Date", "Customer", "Cylinder", "By", "Amount", "Payment", "Status", "Note", ""];

/** What a cancellation did to the money, in words, from the cancelled booking. */
export function cancelOutcome(b: Booking): string {
  const amount = formatRupees(b.amount);
  switch (b.payment_status) {
    case "Refunded":
      return `${b.reference} cancelled. ${amount} refunded${b.payment_ref === null ? "" : ` (${b.payment_ref})`}; cylinder ${b.cylinder_code} is back in stock.`;
    case "Failed":
    case "Pending":
      // A charge may still land after a cancel mid-payment: GasDesk watches for it and refunds it.
      return `${b.reference} cancelled. No payment was received; if one still goes through, GasDesk refunds it. Cylinder ${b.cylinder_code} is back in stock.`;
    case "Success":
      return b.refund === null
        ? `${b.reference} cancelled. The payment of ${amount} is still recorded as received: refund it by hand.`
        : `${b.reference} cancelled. The refund of ${amount} is not confirmed by the payment gateway yet: GasDesk keeps asking, and the dashboard shows it until it goes through.`;
    case null:
      return `${b.reference} cancelled. There was no payment to refund; cylinder ${b.cylinder_code} is back in stock.`;
  }
}

/** A refund the gateway has not confirmed yet, in words, beside the payment. */
export function refundNote(b: Booking): Node | string {
  if (b.refund === null || b.refund === "Refunded") return "";
  const words = b.refund === "Failed" ? "Refund refused by the gateway — retrying" : "Refund asked — waiting for the gateway";
  return h("span", { class: "admin-small admin-block refund-open", attrs: { "data-testid": `booking-refund-${b.reference}`, role: "status" } }, words);
}

export function bookingsScreen(ctx: ScreenContext, hint: NavHint = {}): Screen {
  const outcome = notice("bookings-notice");
  const error = notice("bookings-error");
  let customerFilter = hint.customer ?? null;

  const status = field(
    "Status",
    select<StatusFilter>(
      "bookings-status",
      [
        { value: "", label: "All statuses" },
        { value: "Pending", label: "Pending" },
        { value: "Completed", label: "Completed" },
        { value: "Cancelled", label: "Cancelled" },
      ],
      "",
    ),
  );
  const reference = field("Booking reference", textInput("bookings-reference", { placeholder: "BK-000123", size: "12", maxlength: "20" }));
  const find = submitButton("Find", "bookings-find", "secondary");
  const clearFind = button("Show all", "bookings-clear", "quiet");
  const customerChip = h("div", { class: "admin-chip", attrs: { "data-testid": "bookings-customer-filter" } });
  const findForm = h("form", { class: "admin-inline-form" }, reference.row, find, clearFind);
  let searchedReference = "";

  const { body, wrap } = table("bookings", HEADERS);
  const list = new PagedList<Booking>(
    {
      testid: "bookings",
      keyset: true,
      fetch(page) {
        const filter: BookingFilter = {};
        if (status.control.value !== "") filter.status = status.control.value as BookingStatus;
        if (customerFilter !== null) filter.user_id = customerFilter.id;
        return ctx.backend.listBookings(filter, searchedReference, page);
      },
      render(items) {
        body.replaceChildren(...(items.length === 0 ? [emptyRow(HEADERS.length, "No bookings match.")] : items.map(row)));
      },
      onError(e) {
        if (searchedReference !== "" && (e.code === "NotFound" || e.field === "reference")) {
          reference.setError(e.code === "NotFound" ? `No booking ${searchedReference}.` : e.message);
          body.replaceChildren(emptyRow(HEADERS.length, "No booking found."));
          error.clear();
        } else {
          error.error(e.message);
        }
      },
      onLoaded: () => error.clear(),
    },
    wrap,
  );

  function row(b: Booking): HTMLTableRowElement {
    const payment =
      b.payment_status === null
        ? h("span", { class: "admin-muted" }, "none")
        : h(
            "span",
            {},
            badge(b.payment_status),
            b.payment_ref === null ? "" : h("span", { class: "admin-small admin-muted admin-block" }, b.payment_ref),
            refundNote(b),
          );
    const actions: Node[] = [];
    if (b.status !== "Cancelled") {
      actions.push(button("Cancel", `bookings-cancel-${b.reference}`, "quiet", () => openCancel(b)));
    }
    if (b.refund === "Failed") {
      actions.push(button("Refunded by hand…", `bookings-settle-${b.reference}`, "quiet", () => openSettle(b)));
    }
    return h(
      "tr",
      { attrs: { "data-testid": `booking-row-${b.reference}`, "data-status": b.status } },
      cell(h("strong", { class: "admin-code" }, b.reference)),
      cell(h("span", { class: "admin-nowrap" }, formatDateTime(b.booking_date))),
      cell(b.username),
      cell(
        h("span", { class: "admin-code" }, b.cylinder_code),
        b.returned_cylinder_code === null
          ? ""
          : h("span", { class: "admin-small admin-muted admin-block admin-nowrap" }, "returned ", h("span", { class: "admin-code" }, b.returned_cylinder_code)),
      ),
      cell(h("span", { class: "admin-nowrap" }, b.source === "Manual" ? "Staff" : "Kiosk")),
      cell(h("span", { class: "admin-nowrap admin-num" }, formatRupees(b.amount))),
      cell(payment),
      cell(badge(b.status)),
      cell(h("span", { class: "admin-plain admin-small admin-note" }, b.note)),
      cell(...actions),
    );
  }

  function openCancel(b: Booking): void {
    const reason = field("Reason", textArea("booking-cancel-reason", { rows: "2", maxlength: "300" }), {
      hint: "Required; kept in the booking's note and the audit log.",
      wide: true,
    });
    const effect =
      b.status === "Pending"
        ? `Its reserved cylinder ${b.cylinder_code} goes back to stock and the payment under way is marked failed.`
        : `Cylinder ${b.cylinder_code} goes back to Filled stock (only while ${b.username} still holds it)${
            b.payment_status === "Success" ? ` and the payment of ${formatRupees(b.amount)} is refunded` : ""
          }.`;
    formDialog(ctx.host, {
      title: `Cancel booking ${b.reference}?`,
      testid: "booking-cancel-dialog",
      intro: `${b.username}, ${b.status}. ${effect}`,
      body: [reason.row],
      submitLabel: "Cancel booking",
      submitKind: "danger",
      async onSubmit(d) {
        reason.setError(null);
        const problem = check.required(reason.control.value, "reason", 300);
        if (problem !== null) {
          reason.setError(problem);
          reason.control.focus();
          return false;
        }
        try {
          const cancelled = await ctx.backend.cancelBooking(num(b.id), reason.control.value.trim());
          outcome.ok(cancelOutcome(cancelled));
          await list.reload();
          ctx.changed();
          return true;
        } catch (raw) {
          const e = showError(raw, d.notice, { reason });
          if (e.code === "Conflict") void list.reload(); // it may have been cancelled all the same (refund refused)
          return false;
        }
      },
    });
  }

  /** The gateway keeps refusing: staff gave the money back another way and say how. */
  function openSettle(b: Booking): void {
    const note = field("How was the money given back?", textArea("booking-settle-note", { rows: "2", maxlength: "300" }), {
      hint: "Required, e.g. “₹1,000 cash at the counter, receipt 12”. Kept in the audit log.",
      wide: true,
    });
    formDialog(ctx.host, {
      title: `Refund of ${b.reference} given by hand?`,
      testid: "booking-settle-dialog",
      intro: `The payment gateway refused to refund ${formatRupees(b.amount)} to ${b.username}. Confirm only once the customer has the money: GasDesk then stops asking the gateway.`,
      body: [note.row],
      submitLabel: "Mark refunded",
      submitKind: "danger",
      async onSubmit(d) {
        note.setError(null);
        const problem = check.required(note.control.value, "note", 300);
        if (problem !== null) {
          note.setError(problem);
          note.control.focus();
          return false;
        }
        try {
          const settled = await ctx.backend.settleRefundByHand(num(b.id), note.control.value.trim());
          outcome.ok(`${settled.reference}: the refund of ${formatRupees(settled.amount)} is recorded as given by hand.`);
          await list.reload();
          ctx.changed();
          return true;
        } catch (raw) {
          showError(raw, d.notice, { note });
          return false;
        }
      },
    });
  }

  function syncCustomerChip(): void {
    if (customerFilter === null) {
      customerChip.hidden = true;
      customerChip.replaceChildren();
      return;
    }
    customerChip.hidden = false;
    const remove = button("×", "bookings-customer-clear", "quiet", () => {
      customerFilter = null;
      syncCustomerChip();
      void list.restart();
    });
    remove.setAttribute("aria-label", "Show every customer's bookings");
    customerChip.replaceChildren(h("span", {}, `Customer: ${customerFilter.username}`), remove);
  }

  status.control.addEventListener("change", () => {
    searchedReference = "";
    reference.control.value = "";
    reference.setError(null);
    void list.restart();
  });
  findForm.addEventListener("submit", (event) => {
    event.preventDefault();
    reference.setError(null);
    searchedReference = reference.control.value.trim();
    void list.restart();
  });
  clearFind.addEventListener("click", () => {
    reference.control.value = "";
    reference.setError(null);
    searchedReference = "";
    void list.restart();
  });

  // ----- manual assignment -----
  const assign = assignmentPanel(ctx, () => {
    void list.restart();
    ctx.changed();
  });
  const openAssign = button("Manual assignment…", "bookings-assign-open", "primary", () => {
    assign.open();
  });

  syncCustomerChip();
  void list.restart();
  const el = screen(
    "bookings",
    screenHeader("Bookings", "bookings", openAssign),
    assign.el,
    toolbar(status.row, findForm, customerChip),
    outcome.el,
    error.el,
    list.region,
    list.pager,
  );
  return { el };
}

// ----- the manual assignment form -------------------------------------------------------

interface AssignmentPanel {
  el: HTMLElement;
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
  const print = button("Print", "assign-print", "secondary", (b) => {
    // Only the receipt is printed (admin.css, @media print).
    const area = b.closest(".admin");
    area?.classList.add("admin--print-receipt");
    window.addEventListener("afterprint", () => area?.classList.remove("admin--print-receipt"), { once: true });
    window.print();
  });
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
      button("Assign another", "assign-another", "primary", onAnother),
      button("Close", "assign-done", "quiet", onClose),
    ),
  );
}

function assignmentPanel(ctx: ScreenContext, onAssigned: () => void): AssignmentPanel {
  const formNotice = notice("assign-error");
  let chosen: Customer | null = null;

  // Customer picker: type → matching customers → pick one.
  const customerSearch = field("Customer", textInput("assign-customer-search", { placeholder: "Username, name or phone", maxlength: "64" }), {
    hint: "Type the start of a username, name or phone number, then pick from the list.",
  });
  const customerResults = h("ul", { class: "admin-picker", attrs: { "data-testid": "assign-customer-results", role: "list" } });
  const chosenView = h("div", { class: "admin-chosen", attrs: { "data-testid": "assign-customer-chosen" } });
  const customerLatest = new Latest();

  // Cylinder: type its ID, or pick one from Filled stock.
  const cylinder = field("Cylinder ID", textInput("assign-cylinder", { placeholder: "e.g. ABC123", maxlength: "32", size: "14" }), {
    hint: "Must be Filled. Pick from the list below or type it.",
  });
  const cylinderResults = h("ul", { class: "admin-picker admin-picker--inline", attrs: { "data-testid": "assign-cylinder-options", role: "list" } });
  const cylinderLatest = new Latest();

  const payment = radioGroup<ManualPayment>("Payment", "assign-payment", [
    { value: "Cash", label: "Cash collected", testid: "assign-cash" },
    { value: "Free", label: "Free (replacement or goodwill)", testid: "assign-free" },
  ]);
  const reason = field("Reason", textInput("assign-reason", { maxlength: "300", placeholder: "e.g. Replacement for a leaking cylinder" }), {
    hint: "Required; goes in the booking's note and the audit log.",
    wide: true,
  });
  const submit = submitButton("Assign cylinder", "assign-submit");
  const close = button("Close", "assign-close", "quiet");
  const fields = { customer_id: customerSearch, cylinder_code: cylinder, payment, reason };

  const form = h(
    "form",
    { class: "admin-form", attrs: { novalidate: "", "data-testid": "assign-form" } },
    h("div", { class: "admin-form__grid" }, h("div", {}, customerSearch.row, chosenView, customerResults), h("div", {}, cylinder.row, cylinderResults)),
    h("div", { class: "admin-form__grid" }, payment.row, reason.row),
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
    customerResults.replaceChildren();
    const change = button("Change", "assign-customer-change", "quiet", () => {
      chosen = null;
      renderChosen();
      customerSearch.control.focus();
      searchCustomers();
    });
    chosenView.replaceChildren(
      h("strong", {}, c.username),
      ` ${c.full_name}${c.phone === "" ? "" : `, ${c.phone}`} `,
      c.has_active_cylinder ? badge("holds a cylinder", "assigned") : badge("no cylinder yet", "none"),
      change,
    );
  }

  async function searchCustomersNow(): Promise<void> {
    const query = customerSearch.control.value.trim();
    const ticket = customerLatest.begin();
    if (query === "") {
      customerResults.replaceChildren();
      return;
    }
    try {
      const page = await ctx.backend.searchCustomers(query, { offset: 0, limit: 8 });
      if (!customerLatest.isCurrent(ticket) || chosen !== null) return;
      customerResults.replaceChildren(
        ...(page.items.length === 0
          ? [h("li", { class: "admin-muted" }, "No customer matches.")]
          : page.items.map((c) => {
              const pick = h(
                "button",
                { class: "admin-picker__option", attrs: { type: "button", "data-testid": `assign-customer-option-${c.username}` } },
                h("strong", {}, c.username),
                ` ${c.full_name}${c.phone === "" ? "" : ` · ${c.phone}`}`,
                c.has_active_cylinder ? h("span", { class: "admin-muted admin-small" }, " · holds a cylinder") : "",
              );
              pick.addEventListener("click", () => {
                chosen = c;
                customerSearch.setError(null);
                renderChosen();
                cylinder.control.focus();
              });
              return h("li", {}, pick);
            })),
        ...(page.has_more ? [h("li", { class: "admin-muted admin-small" }, "More match: type more of it.")] : []),
      );
    } catch (raw) {
      if (customerLatest.isCurrent(ticket)) showError(raw, formNotice);
    }
  }
  const searchCustomers = debounce(() => void searchCustomersNow(), 200);

  async function suggestCylindersNow(): Promise<void> {
    const ticket = cylinderLatest.begin();
    const prefix = cylinder.control.value.trim().toUpperCase();
    try {
      const page = await ctx.backend.listCylinders("Filled", prefix, { offset: 0, limit: 12 });
      if (!cylinderLatest.isCurrent(ticket)) return;
      const free = page.items.filter((c) => !c.reserved);
      cylinderResults.replaceChildren(
        ...(free.length === 0
          ? [h("li", { class: "admin-muted" }, prefix === "" ? "No Filled cylinders in stock." : `No Filled cylinder starts with ${prefix}.`)]
          : free.map((c) => {
              const pick = h(
                "button",
                { class: "admin-picker__option admin-code", attrs: { type: "button", "data-testid": `assign-cylinder-option-${c.cylinder_code}` } },
                c.cylinder_code,
              );
              pick.addEventListener("click", () => {
                cylinder.control.value = c.cylinder_code;
                cylinder.setError(null);
                void suggestCylindersNow();
                payment.inputs[0]?.focus();
              });
              return h("li", {}, pick);
            })),
      );
    } catch (raw) {
      if (cylinderLatest.isCurrent(ticket)) showError(raw, formNotice);
    }
  }
  const suggestCylinders = debounce(() => void suggestCylindersNow(), 200);

  customerSearch.control.addEventListener("input", searchCustomers);
  customerSearch.control.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      customerResults.querySelector<HTMLButtonElement>("button")?.focus();
    } else if (event.key === "Enter") {
      event.preventDefault();
      void searchCustomersNow();
    }
  });
  cylinder.control.addEventListener("input", suggestCylinders);

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
    customerResults.replaceChildren();
    cylinder.control.value = "";
    payment.set(null);
    reason.control.value = "";
    clearErrors(fields);
    formNotice.clear();
    body.replaceChildren(form);
    renderChosen();
    void suggestCylindersNow();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    clearErrors(fields);
    formNotice.clear();
    // Every problem beside its field at once; focus goes to the first.
    const code = check.cylinderCode(cylinder.control.value);
    const pay = payment.value();
    const reasonProblem = check.required(reason.control.value, "reason", 300);
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
    void busy(submit, async () => {
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
  close.addEventListener("click", () => {
    el.hidden = true;
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
