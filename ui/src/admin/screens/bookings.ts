// Bookings: by status or reference, page by page; cancel one (reason required); record a
// refund the gateway refused as given by hand (note required). The manual assignment panel
// on this screen is manual-assignment.ts.
import type { ApiError } from "../../api/error";
import type { Booking } from "../../gen/Booking";
import type { BookingFilter } from "../../gen/BookingFilter";
import type { BookingStatus } from "../../gen/BookingStatus";
import { h } from "../../lib/dom";
import { field, notice, showError } from "../../lib/form";
import { formatRupees } from "../../lib/format";
import { pagedTable } from "../../lib/pager";
import type { Screen } from "../../lib/screen";
import { cell, emptyRow } from "../../lib/table";
import { formatDateTime } from "../../lib/time";
import { badge, button, select, textArea, textInput } from "../../lib/ui";
import { checkRequiredLine } from "../../lib/validate";
import type { NavHint, ScreenContext } from "../context";
import { formDialog } from "../dialogs";
import { screen, screenHeader, toolbar } from "../frame";
import { openBill } from "./booking-bill";
import { assignmentPanel } from "./manual-assignment";

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
      [
        { value: "", label: "All statuses" },
        { value: "Pending", label: "Pending" },
        { value: "Completed", label: "Completed" },
        { value: "Cancelled", label: "Cancelled" },
      ],
      "",
      { testid: "bookings-status" },
    ),
  );
  const reference = field("Booking reference", textInput({ testid: "bookings-reference", attrs: { placeholder: "BK-000123", size: "12", maxlength: "20" } }));
  const find = button("Find", null, { type: "submit", testid: "bookings-find" });
  const clearFind = button("Show all", null, { variant: "ghost", testid: "bookings-clear" });
  const customerChip = h("div", { class: "admin-chip", attrs: { "data-testid": "bookings-customer-filter" } });
  const findForm = h("form", { class: "admin-inline-form" }, reference.el, find, clearFind);
  let searchedReference = "";

  const { list, body } = pagedTable<Booking>({
    testid: "bookings",
    headers: HEADERS,
    keyset: true,
    fetch(page) {
      const filter: BookingFilter = {};
      if (status.control.value !== "") filter.status = status.control.value as BookingStatus;
      if (customerFilter !== null) filter.user_id = customerFilter.id;
      return ctx.backend.listBookings(filter, searchedReference, page);
    },
    row,
    empty: "No bookings match.",
    errors: error,
    onError(e) {
      if (searchedReference !== "" && (e.code === "NotFound" || e.field === "reference")) {
        reference.setError(e.code === "NotFound" ? `No booking ${searchedReference}.` : e.message);
        body.replaceChildren(emptyRow(HEADERS.length, "No booking found."));
        error.clear();
      } else {
        error.error(e.message);
      }
    },
  });

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
    // Its tax invoice or delivery note, and a credit note once refunded (a pending booking has none yet).
    if (b.status !== "Pending") {
      actions.push(button("Bill", () => openBill(ctx, b), { variant: "ghost", testid: `bookings-bill-${b.reference}` }));
    }
    if (b.status !== "Cancelled") {
      actions.push(button("Cancel", () => openCancel(b), { variant: "ghost", testid: `bookings-cancel-${b.reference}` }));
    }
    if (b.refund === "Failed") {
      actions.push(button("Refunded by hand…", () => openSettle(b), { variant: "ghost", testid: `bookings-settle-${b.reference}` }));
    }
    return h(
      "tr",
      { attrs: { "data-testid": `booking-row-${b.reference}`, "data-status": b.status } },
      cell(h("strong", { class: "admin-code" }, b.reference)),
      cell(h("span", { class: "admin-nowrap" }, formatDateTime(b.booking_date))),
      cell(b.username, h("span", { class: "admin-small admin-muted admin-block" }, b.consumer_no)),
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
    const effect =
      b.status === "Pending"
        ? `Its reserved cylinder ${b.cylinder_code} goes back to stock and the payment under way is marked failed.`
        : `Cylinder ${b.cylinder_code} goes back to Filled stock (only while ${b.username} still holds it)${
            b.payment_status === "Success" ? ` and the payment of ${formatRupees(b.amount)} is refunded` : ""
          }.`;
    noteDialog({
      title: `Cancel booking ${b.reference}?`,
      testid: "booking-cancel-dialog",
      intro: `${b.username}, ${b.status}. ${effect}`,
      label: "Reason",
      what: "reason",
      fieldTestid: "booking-cancel-reason",
      hint: "Required; kept in the booking's note and the audit log.",
      submitLabel: "Cancel booking",
      async send(reason) {
        outcome.ok(cancelOutcome(await ctx.backend.cancelBooking(b.id, reason)));
      },
      onRefused(e) {
        if (e.code === "Conflict") void list.reload(); // it may have been cancelled all the same (refund refused)
      },
    });
  }

  /** The gateway keeps refusing: staff gave the money back another way and say how. */
  function openSettle(b: Booking): void {
    noteDialog({
      title: `Refund of ${b.reference} given by hand?`,
      testid: "booking-settle-dialog",
      intro: `The payment gateway refused to refund ${formatRupees(b.amount)} to ${b.username}. Confirm only once the customer has the money: GasDesk then stops asking the gateway.`,
      label: "How was the money given back?",
      what: "note",
      fieldTestid: "booking-settle-note",
      hint: "Required, e.g. “₹1,000 cash at the counter, receipt 12”. Kept in the audit log.",
      submitLabel: "Mark refunded",
      async send(note) {
        const settled = await ctx.backend.settleRefundByHand(b.id, note);
        outcome.ok(`${settled.reference}: the refund of ${formatRupees(settled.amount)} is recorded as given by hand.`);
      },
    });
  }

  /**
   * A confirm dialog for a step on one booking that needs a written note (up to 300
   * characters): checked before it is sent, the list reloaded after.
   */
  function noteDialog(opts: {
    title: string;
    testid: string;
    intro: string;
    label: string;
    /** The note's name in messages ("Please enter the reason."); the field the backend names. */
    what: string;
    fieldTestid: string;
    hint: string;
    submitLabel: string;
    send(note: string): Promise<void>;
    onRefused?(error: ApiError): void;
  }): void {
    const note = field(opts.label, textArea({ testid: opts.fieldTestid, attrs: { rows: "2", maxlength: "300" } }), {
      hint: opts.hint,
      class: "admin-field--wide",
    });
    formDialog(ctx.host, {
      title: opts.title,
      testid: opts.testid,
      intro: opts.intro,
      body: [note.el],
      submitLabel: opts.submitLabel,
      submitKind: "danger",
      async onSubmit(d) {
        note.setError(null);
        const problem = checkRequiredLine(note.control.value, opts.what, 300);
        if (problem !== null) {
          note.setError(problem);
          note.control.focus();
          return false;
        }
        try {
          await opts.send(note.control.value.trim());
          await list.reload();
          ctx.changed();
          return true;
        } catch (raw) {
          opts.onRefused?.(showError(raw, d.notice, { [opts.what]: note }));
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
    const remove = button(
      "×",
      () => {
        customerFilter = null;
        syncCustomerChip();
        void list.restart();
      },
      { variant: "ghost", testid: "bookings-customer-clear", attrs: { "aria-label": "Show every customer's bookings" } },
    );
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

  // Manual assignment: the panel opens above the list.
  const assign = assignmentPanel(ctx, () => {
    void list.restart();
    ctx.changed();
  });
  const openAssign = button("Manual assignment…", () => assign.open(), { variant: "primary", testid: "bookings-assign-open" });

  syncCustomerChip();
  void list.restart();
  const el = screen(
    "bookings",
    screenHeader("Bookings", "bookings", openAssign),
    assign.el,
    toolbar(status.el, findForm, customerChip),
    outcome.el,
    error.el,
    list.region,
    list.pager,
  );
  return { el };
}
