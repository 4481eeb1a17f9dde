// After paying, and from My bookings: the sale's GST tax invoice (or delivery note), printable
// on A4/A5 or an 80 mm roll (lib/print-document.ts). Bookings completed before GasDesk issued
// invoices have no document: their old receipt shows instead, printable as it always was.
import type { Receipt } from "../../gen/Receipt";
import type { Screen } from "../../lib/screen";
import { h } from "../../lib/dom";
import { formatRupees } from "../../lib/format";
import { t } from "../../i18n";
import { paymentLabel } from "../../lib/invoice";
import { printableDocument } from "../../lib/print-document";
import { formatDateTime } from "../../lib/time";
import { icon } from "../../lib/icons";
import { button, detail } from "../../lib/ui";
import { customerErrorText } from "../../i18n/errors";
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
      h("h2", { class: "receipt__title", id: "receipt-title" }, t("receipt.heading")),
      h("p", { class: "receipt__ref", attrs: { "data-testid": "receipt-booking-ref" } }, receipt.booking_reference),
    ),
    h(
      "dl",
      { class: "details receipt__details" },
      detail(t("receipt.customer"), customer),
      detail(t("receipt.consumerNo"), receipt.consumer_no, "receipt-consumer-no"),
      detail(t("receipt.yourCylinder"), h("strong", { class: "receipt__cylinder" }, receipt.cylinder_code), "receipt-cylinder"),
      detail(t("receipt.type"), receipt.type_name, "receipt-type"),
      detail(t("receipt.returnedEmpty"), receipt.returned_cylinder_code ?? t("common.none"), "receipt-returned"),
      detail(t("receipt.amountPaid"), formatRupees(receipt.amount), "receipt-amount"),
      detail(t("common.payment"), paymentLabel(receipt.method), "receipt-method"),
      detail(t("invoice.paymentRef"), receipt.payment_reference ?? "—", "receipt-payment-ref"),
      detail(t("receipt.time"), formatDateTime(receipt.time), "receipt-time"),
    ),
    h("p", { class: "receipt__foot" }, t("receipt.foot", { helpline: receipt.helpline })),
  );
}

/** What the customer does next, in one line, after paying. */
function thanks(receipt: Receipt): string {
  const params = { code: receipt.cylinder_code, type: receipt.type_name };
  return receipt.returned_cylinder_code === null
    ? t("receipt.thanks", params)
    : t("receipt.thanksHandBack", { ...params, empty: receipt.returned_cylinder_code });
}

export function receiptScreen(ctx: CustomerContext, receipt: Receipt, fresh: boolean): Screen {
  const done = button(fresh ? t("receipt.done") : t("receipt.backToBookings"), () => (fresh ? ctx.go.home() : ctx.go.history()), {
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
    const print = button([icon("printer"), t("receipt.print")], () => printReceipt(), { size: "lg", testid: "receipt-print" });
    body.append(receiptCard(receipt), h("div", { class: "screen__actions no-print" }, print, done));
  } else {
    const printable = printableDocument(bill, (id) => ctx.backend.printDocument(id), customerErrorText);
    body.classList.add("receipt-screen--invoice");
    body.append(printable.view, printable.controls, h("div", { class: "screen__actions no-print" }, done));
  }
  const title =
    bill === null
      ? t("receipt.titleRef", { ref: receipt.booking_reference })
      : t(bill.kind === "DeliveryNote" ? "receipt.deliveryRef" : "receipt.invoiceRef", { number: bill.number });
  return {
    title,
    el: customerFrame(ctx, fresh ? t("receipt.thanksTitle") : bill === null ? t("receipt.title") : t("receipt.yourBill"), "receipt-screen", body, { back: !fresh }),
    focus: done,
  };
}

/** The old receipt prints by the print CSS's `.receipt` rule; a document printed before must not hide it. */
function printReceipt(): void {
  document.body.classList.remove("printing-document");
  window.print();
}
