// The receipt: everything the customer needs at the counter, printable (print CSS shows only
// the `.receipt` element).
import type { Receipt } from "../../gen/Receipt";
import type { Screen } from "../../lib/screen";
import { h } from "../../lib/dom";
import { formatRupees } from "../../lib/format";
import { formatDateTime } from "../../lib/time";
import { icon } from "../../lib/icons";
import { button, detail } from "../../lib/ui";
import { customerFrame } from "./common";
import type { CustomerContext } from "./context";

function methodLabel(receipt: Receipt): string {
  switch (receipt.method) {
    case "Gateway":
      return "Online (Razorpay)";
    case "Cash":
      return "Cash at the counter";
    case null:
      return "No charge";
  }
}

export function receiptCard(receipt: Receipt): HTMLElement {
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
      detail("Customer", receipt.customer_name.trim() === "" ? receipt.customer_username : `${receipt.customer_name} (${receipt.customer_username})`),
      detail("Your cylinder", h("strong", { class: "receipt__cylinder" }, receipt.cylinder_code), "receipt-cylinder"),
      detail("Returned empty", receipt.returned_cylinder_code ?? "None (first cylinder)", "receipt-returned"),
      detail("Amount paid", formatRupees(receipt.amount), "receipt-amount"),
      detail("Payment", methodLabel(receipt), "receipt-method"),
      detail("Payment reference", receipt.payment_reference ?? "—", "receipt-payment-ref"),
      detail("Time", formatDateTime(receipt.time), "receipt-time"),
    ),
    h("p", { class: "receipt__foot" }, "Show this receipt at the counter to collect your cylinder."),
  );
}

export function receiptScreen(ctx: CustomerContext, receipt: Receipt, fresh: boolean): Screen {
  const print = button([icon("printer"), "Print receipt"], () => window.print(), { size: "lg", testid: "receipt-print" });
  const done = button(fresh ? "Done" : "← Back to my bookings", () => (fresh ? ctx.go.home() : ctx.go.history()), {
    variant: "primary",
    size: "lg",
    testid: "receipt-done",
  });
  const body = h("div", { class: "receipt-screen" });
  if (fresh) {
    body.append(
      h(
        "div",
        { class: "message message--success receipt-screen__thanks", attrs: { role: "status", "data-testid": "booking-success" } },
        `Payment received. Cylinder ${receipt.cylinder_code} is booked for you.`,
      ),
    );
  }
  body.append(receiptCard(receipt), h("div", { class: "screen__actions no-print" }, print, done));
  return {
    title: `Receipt ${receipt.booking_reference}`,
    el: customerFrame(ctx, fresh ? "Thank you!" : "Receipt", "receipt-screen", body, { back: !fresh }),
    focus: done,
  };
}
