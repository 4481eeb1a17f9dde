// What staff see after a manual assignment: the booking, the customer and their consumer
// number, the cylinder given (and its type) and the one returned, the amount and payment, and
// the GST document the sale got ("Invoice GD/2026-27/000012 · ₹1,000.00", or a delivery note
// for a free replacement). The full invoice is printed from the Bookings screen's Bill action.
import type { Receipt } from "../../gen/Receipt";
import type { SaleDocument } from "../../gen/SaleDocument";
import { h } from "../../lib/dom";
import { formatRupees } from "../../lib/format";
import { formatDateTime } from "../../lib/time";
import { button } from "../../lib/ui";

const KIND_WORDS: Record<SaleDocument["kind"], string> = { Invoice: "Invoice", CreditNote: "Credit note", DeliveryNote: "Delivery note" };

/** `Invoice GD/2026-27/000012 · ₹1,000.00`. */
export function documentSummary(d: SaleDocument): string {
  return `${KIND_WORDS[d.kind]} ${d.number} · ${formatRupees(d.total)}`;
}

export function receiptView(r: Receipt, onAnother: () => void, onClose: () => void): HTMLElement {
  const rows: Array<[string, string]> = [
    ["Booking", r.booking_reference],
    ["Customer", `${r.customer_name} (${r.customer_username})`],
    ["Consumer number", r.consumer_no],
    ["Cylinder given", r.cylinder_code],
    ["Type", r.type_name],
    ["Cylinder returned", r.returned_cylinder_code ?? "none (no empty to hand back)"],
    ["Amount", formatRupees(r.amount)],
    ["Payment", r.method === null ? "Free (no payment)" : `${r.method}${r.payment_reference === null ? "" : `, ${r.payment_reference}`}`],
    ["Time", formatDateTime(r.time)],
  ];
  if (r.document !== null) rows.push(["Bill", documentSummary(r.document)]);
  const print = button(
    "Print",
    (b) => {
      // Only the receipt is printed (admin.css, @media print).
      const area = b.closest(".admin");
      area?.classList.remove("admin--print-plant");
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
    h("p", { class: "admin-muted admin-small" }, `Emergency helpline: ${r.helpline}`),
    h(
      "div",
      { class: "admin-form__actions" },
      print,
      button("Assign another", onAnother, { variant: "primary", testid: "assign-another" }),
      button("Close", onClose, { variant: "ghost", testid: "assign-done" }),
    ),
  );
}
