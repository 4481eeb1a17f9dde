// After paying, and from My bookings: the sale's GST tax invoice (or delivery note), printable
// on A4/A5 or an 80 mm roll (lib/print-document.ts). Bookings completed before GasDesk issued
// invoices have no document: their old receipt shows instead, printable as it always was.
import type { Receipt } from "../../gen/Receipt";
import type { Screen } from "../../lib/screen";
import { h } from "../../lib/dom";
import { formatRupees } from "../../lib/format";
import { paymentLabel } from "../../lib/invoice";
import { printableDocument } from "../../lib/print-document";
import { formatDateTime } from "../../lib/time";
import { icon } from "../../lib/icons";
import { button, detail } from "../../lib/ui";
import { customerFrame } from "./common";
import type { CustomerContext } from "./context";

/** The receipt of a booking from before invoices (no GST document was issued for it). */
export function receiptCard(receipt: Receipt): HTMLElement {
  const customer = receipt.customer_name.trim() === "" ? receipt.customer_username : `${receipt.customer_name} (${receipt.customer_username})`;
  return h(
    "article",
    { class: "receipt card", attrs: { "data-testid": "receipt", "aria-labelledby": "receipt-title" } },
    h(
      "header",
      { class: "receipt__head" },
      h("p", { class: "receipt__agency" }, receipt.agency_name),
      h("h2", { class: "receipt__title", id: "receipt-title" }, "Booking receipt"),
      h("p", { class: "receipt__ref", attrs: { "data-testid": "receipt-booking-ref" } }, receipt.booking_reference),
    ),
    h(
      "dl",
      { class: "details receipt__details" },
      detail("Customer", customer),
      detail("Consumer no.", receipt.consumer_no, "receipt-consumer-no"),
      detail("Your cylinder", h("strong", { class: "receipt__cylinder" }, receipt.cylinder_code), "receipt-cylinder"),
      detail("Type", receipt.type_name, "receipt-type"),
      detail("Returned empty", receipt.returned_cylinder_code ?? "None", "receipt-returned"),
      detail("Amount paid", formatRupees(receipt.amount), "receipt-amount"),
      detail("Payment", paymentLabel(receipt.method), "receipt-method"),
      detail("Payment reference", receipt.payment_reference ?? "—", "receipt-payment-ref"),
      detail("Time", formatDateTime(receipt.time), "receipt-time"),
    ),
    h("p", { class: "receipt__foot" }, `Show this receipt at the counter to collect your cylinder. LPG emergency helpline: ${receipt.helpline}`),
  );
}

/** What the customer does next, in one line, after paying. */
function thanks(receipt: Receipt): string {
  const handBack = receipt.returned_cylinder_code === null ? "" : ` Hand back your empty cylinder ${receipt.returned_cylinder_code} when you collect it.`;
  return `Payment received. Cylinder ${receipt.cylinder_code} (${receipt.type_name}) is booked for you.${handBack}`;
}

export function receiptScreen(ctx: CustomerContext, receipt: Receipt, fresh: boolean): Screen {
  const done = button(fresh ? "Done" : "← Back to my bookings", () => (fresh ? ctx.go.home() : ctx.go.history()), {
    variant: "primary",
    size: "lg",
    testid: "receipt-done",
  });
  const body = h("div", { class: "receipt-screen" });
  if (fresh) {
    body.append(h("div", { class: "message message--success receipt-screen__thanks", attrs: { role: "status", "data-testid": "booking-success" } }, thanks(receipt)));
  }
  const bill = receipt.document;
  if (bill === null) {
    const print = button([icon("printer"), "Print receipt"], () => printReceipt(), { size: "lg", testid: "receipt-print" });
    body.append(receiptCard(receipt), h("div", { class: "screen__actions no-print" }, print, done));
  } else {
    const printable = printableDocument(bill, (id) => ctx.backend.printDocument(id));
    body.classList.add("receipt-screen--invoice");
    body.append(printable.view, printable.controls, h("div", { class: "screen__actions no-print" }, done));
  }
  const title = bill === null ? `Receipt ${receipt.booking_reference}` : `${bill.kind === "DeliveryNote" ? "Delivery note" : "Invoice"} ${bill.number}`;
  return {
    title,
    el: customerFrame(ctx, fresh ? "Thank you!" : bill === null ? "Receipt" : "Your bill", "receipt-screen", body, { back: !fresh }),
    focus: done,
  };
}

/** The old receipt prints by the print CSS's `.receipt` rule; a document printed before must not hide it. */
function printReceipt(): void {
  document.body.classList.remove("printing-document");
  window.print();
}
