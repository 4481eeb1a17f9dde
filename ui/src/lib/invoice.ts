// A GST document as it is printed: tax invoice, credit note or zero-value delivery note. It
// renders a SaleDocument exactly as the backend fixed it when it was issued (every figure, the
// rate and the amount in words come from there; nothing is worked out again here), so a reprint
// shows what the first print showed. Shared by the customer screens and the staff's Bill dialog;
// printing it is print-document.ts.
import type { DocumentKind } from "../gen/DocumentKind";
import type { PaymentMethod } from "../gen/PaymentMethod";
import type { SaleDocument } from "../gen/SaleDocument";
import { h } from "./dom";
import { formatRupees } from "./format";
import { formatDateTime } from "./time";
import { uid } from "./ui";

/** Invoices are dated in India, whatever the computer's clock zone says. */
const INDIA = "Asia/Kolkata";

/** The paper a document is laid out for: A4 or A5 sheets, or an 80 mm thermal roll. */
export type Paper = "a4" | "a5" | "roll";

export function documentTitle(kind: DocumentKind): string {
  switch (kind) {
    case "Invoice":
      return "Tax Invoice";
    case "CreditNote":
      return "Credit Note";
    case "DeliveryNote":
      return "Delivery Note (no charge)";
  }
}

function numberLabel(kind: DocumentKind): string {
  switch (kind) {
    case "Invoice":
      return "Invoice no.";
    case "CreditNote":
      return "Credit note no.";
    case "DeliveryNote":
      return "Delivery note no.";
  }
}

export function paymentLabel(method: PaymentMethod | null): string {
  switch (method) {
    case "Gateway":
      return "Online (Razorpay)";
    case "Cash":
      return "Cash at the counter";
    case null:
      return "No charge";
  }
}

/** A label and its value, as the document's small tables show them. */
function pair(term: string, value: string, testid?: string): HTMLElement[] {
  const dd = h("dd", {}, value);
  if (testid !== undefined) dd.setAttribute("data-testid", testid);
  return [h("dt", {}, term), dd];
}

/** A cell of the line table; `label` names it when the 80 mm roll stacks the cells. */
function td(value: string, label: string, testid: string, numeric = true): HTMLTableCellElement {
  return h("td", { class: numeric ? "num" : "", attrs: { "data-label": label, "data-testid": testid } }, value);
}

function th(text: string, attrs: Record<string, string> = {}, numeric = true): HTMLTableCellElement {
  return h("th", { class: numeric ? "num" : "", attrs: { scope: "col", ...attrs } }, text);
}

/** The one line of the sale: the cylinder, its HSN, and the tax worked back from its price. */
function lineTable(doc: SaleDocument): HTMLElement {
  const half = `${doc.half_rate_percent}%`;
  return h(
    "table",
    { class: "invoice__lines", attrs: { "data-testid": "invoice-lines" } },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        th("Description", { rowspan: "2" }, false),
        th("HSN", { rowspan: "2" }, false),
        th("Qty", { rowspan: "2" }),
        th("Taxable value", { rowspan: "2" }),
        th("CGST", { colspan: "2", scope: "colgroup" }),
        th("SGST", { colspan: "2", scope: "colgroup" }),
        th("Total", { rowspan: "2" }),
      ),
      h("tr", {}, th("Rate"), th("Amount"), th("Rate"), th("Amount")),
    ),
    h(
      "tbody",
      {},
      h(
        "tr",
        {},
        h(
          "td",
          { class: "invoice__description", attrs: { "data-label": "Item", "data-testid": "invoice-description" } },
          `${doc.type_name} LPG cylinder, refill`,
          h("span", { class: "invoice__cylinder" }, "Cylinder ", h("span", { attrs: { "data-testid": "invoice-cylinder" } }, doc.cylinder_code)),
        ),
        td(doc.hsn, "HSN", "invoice-hsn", false),
        td("1", "Quantity", "invoice-quantity"),
        td(formatRupees(doc.taxable), "Taxable value", "invoice-taxable"),
        td(half, "CGST rate", "invoice-cgst-rate"),
        td(formatRupees(doc.cgst), "CGST", "invoice-cgst"),
        td(half, "SGST rate", "invoice-sgst-rate"),
        td(formatRupees(doc.sgst), "SGST", "invoice-sgst"),
        td(formatRupees(doc.total), "Total", "invoice-line-total"),
      ),
    ),
  );
}

/**
 * The document, laid out for `paper` (a class the print CSS and the screen both follow).
 * Every value is text: a name or an address can never become markup.
 */
export function invoiceView(doc: SaleDocument, paper: Paper = "a4"): HTMLElement {
  const titleId = uid("invoice-title");
  const titles = h(
    "div",
    { class: "invoice__titles" },
    h("h2", { class: "invoice__title", id: titleId, attrs: { "data-testid": "invoice-title" } }, documentTitle(doc.kind)),
    h(
      "p",
      { class: `invoice__copy invoice__copy--${doc.copy.toLowerCase()}`, attrs: { "data-testid": "invoice-copy" } },
      doc.copy === "Original" ? "Original for recipient" : "Duplicate",
    ),
  );
  if (doc.kind === "CreditNote" && doc.refers_to_number !== null) {
    const dated = doc.refers_to_date === null ? "" : ` of ${formatDateTime(doc.refers_to_date, INDIA)}`;
    titles.append(h("p", { class: "invoice__against", attrs: { "data-testid": "invoice-against" } }, `against invoice ${doc.refers_to_number}${dated}`));
  }

  const seller = h(
    "div",
    { class: "invoice__seller" },
    h("p", { class: "invoice__seller-name", attrs: { "data-testid": "invoice-seller" } }, doc.seller_name),
    h("p", { class: "invoice__address" }, doc.seller_address),
    h("p", {}, "GSTIN: ", h("strong", { class: "invoice__gstin", attrs: { "data-testid": "invoice-gstin" } }, doc.seller_gstin === "" ? "not entered" : doc.seller_gstin)),
    h("p", { attrs: { "data-testid": "invoice-seller-state" } }, `State: ${doc.seller_state}`),
  );

  const buyer = h(
    "div",
    { class: "invoice__buyer" },
    h("p", { class: "invoice__label" }, doc.kind === "DeliveryNote" ? "Delivered to" : "Bill to"),
    h("p", { class: "invoice__buyer-name", attrs: { "data-testid": "invoice-customer" } }, doc.customer_name),
    h("p", {}, "Consumer no. ", h("strong", { attrs: { "data-testid": "invoice-consumer-no" } }, doc.consumer_no)),
  );
  if (doc.customer_address.trim() !== "") buyer.append(h("p", { class: "invoice__address" }, doc.customer_address));

  const meta = h(
    "dl",
    { class: "invoice__meta" },
    ...pair(numberLabel(doc.kind), doc.number, "invoice-number"),
    ...pair("Date", formatDateTime(doc.issued_at, INDIA), "invoice-date"),
    ...pair("Booking", doc.booking_reference, "invoice-booking-ref"),
    // GST rule 46(p): whether tax is payable on reverse charge (never, for LPG sold over the counter).
    ...pair("Reverse charge", "No", "invoice-reverse-charge"),
  );

  const totals = h(
    "dl",
    { class: "invoice__totals" },
    ...pair("Taxable value", formatRupees(doc.taxable)),
    ...pair(`CGST @ ${doc.half_rate_percent}%`, formatRupees(doc.cgst)),
    ...pair(`SGST @ ${doc.half_rate_percent}%`, formatRupees(doc.sgst)),
    ...pair(doc.kind === "CreditNote" ? "Total credited" : "Total (GST included)", formatRupees(doc.total), "invoice-total"),
  );

  const payment = h(
    "dl",
    { class: "invoice__payment" },
    ...pair("Payment", paymentLabel(doc.payment_method), "invoice-payment"),
    ...pair("Payment reference", doc.payment_reference ?? "—", "invoice-payment-ref"),
  );

  const article = h(
    "article",
    {
      class: `invoice invoice--${paper}`,
      attrs: { "data-testid": "invoice", "data-kind": doc.kind, "data-copy": doc.copy, "aria-labelledby": titleId },
    },
    h("header", { class: "invoice__head" }, seller, titles),
    h("div", { class: "invoice__parties" }, buyer, meta),
    h("div", { class: "invoice__table-wrap" }, lineTable(doc)),
    totals,
    h("p", { class: "invoice__words" }, "Amount in words: ", h("strong", { attrs: { "data-testid": "invoice-words" } }, doc.amount_in_words)),
    payment,
  );
  if (doc.kind === "CreditNote" && doc.refers_to_number !== null) {
    article.append(h("p", { class: "invoice__note" }, `This credit note reverses invoice ${doc.refers_to_number}; the amount is refunded to the customer.`));
  }
  if (doc.kind === "DeliveryNote") {
    article.append(h("p", { class: "invoice__note" }, "A free replacement: nothing is charged, so no tax is due."));
  }
  article.append(
    h(
      "p",
      { class: "invoice__helpline" },
      "LPG emergency helpline (gas leak): ",
      h("strong", { attrs: { "data-testid": "invoice-helpline" } }, doc.helpline),
    ),
    h("p", { class: "invoice__sign" }, `For ${doc.seller_name}`, h("br", {}), h("span", { class: "invoice__sign-line" }, "Authorised signatory")),
    h("p", { class: "invoice__foot" }, "Computer-generated document."),
  );
  return article;
}
