// The Bill action of the Bookings screen: a booking's GST documents (its tax invoice or
// delivery note, and a credit note when it was refunded), each opened in the same document
// view the customer sees, with the same "Print on" choice and Print (which records the print:
// Original the first time, Duplicate after).
import type { Booking } from "../../gen/Booking";
import type { SaleDocument } from "../../gen/SaleDocument";
import { toApiError } from "../../api/error";
import { h } from "../../lib/dom";
import { formatRupees } from "../../lib/format";
import { documentTitle } from "../../lib/invoice";
import { printableDocument } from "../../lib/print-document";
import { formatDateTime } from "../../lib/time";
import { button, loadingLine } from "../../lib/ui";
import type { ScreenContext } from "../context";
import { viewDialog } from "../dialogs";

/** Opens the Bill dialog of `booking`. */
export function openBill(ctx: ScreenContext, booking: Booking): void {
  const body = h("div", { class: "bill", attrs: { "data-testid": "bill-body" } });
  viewDialog(ctx.host, { title: `Bill of ${booking.reference}`, testid: "bill-dialog", body: [body] });

  const showList = (documents: SaleDocument[]): void => {
    if (documents.length === 0) {
      body.replaceChildren(
        h(
          "p",
          { class: "admin-muted", attrs: { "data-testid": "bill-none" } },
          booking.status === "Pending"
            ? "No bill yet: the booking is waiting for its payment."
            : "This booking has no GST document: it was completed before GasDesk issued invoices, or never completed.",
        ),
      );
      return;
    }
    const rows = documents.map((doc) =>
      h(
        "li",
        { class: "bill__item", attrs: { "data-testid": `bill-doc-${doc.id}` } },
        h("strong", {}, documentTitle(doc.kind)),
        h("span", { class: "admin-code" }, doc.number),
        h("span", { class: "admin-muted" }, `${formatDateTime(doc.issued_at)} · ${formatRupees(doc.total)}`),
        button("Open", () => showDocument(doc, documents), { testid: `bill-open-${doc.id}` }),
      ),
    );
    body.replaceChildren(h("ul", { class: "bill__list", attrs: { "data-testid": "bill-list" } }, ...rows));
    rows[0]?.querySelector("button")?.focus();
  };

  const showDocument = (doc: SaleDocument, documents: SaleDocument[]): void => {
    const printable = printableDocument(doc, (id) => ctx.backend.printDocument(id));
    const back = button("← All bills of this booking", () => showList(documents), { variant: "ghost", testid: "bill-back" });
    body.replaceChildren(h("div", { class: "no-print" }, back), printable.view, printable.controls);
    printable.printButton.focus();
  };

  body.replaceChildren(loadingLine("Loading the bill…"));
  ctx.backend.bookingDocuments(booking.id).then(showList, (raw: unknown) => {
    body.replaceChildren(h("p", { class: "admin-notice admin-notice--error", attrs: { role: "alert", "data-testid": "bill-error" } }, toApiError(raw).message));
  });
}
