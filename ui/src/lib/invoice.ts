// A GST document as it is printed: tax invoice, credit note or zero-value delivery note. It
// renders a SaleDocument exactly as the backend fixed it when it was issued (every figure, the
// rate and the amount in words come from there; nothing is worked out again here), so a reprint
// shows what the first print showed. Shared by the customer screens and the staff's Bill dialog;
// printing it is print-document.ts. Its labels are in the chosen language (English for staff,
// whose area always runs in English); the figures and names are the document's own.
import type { DocumentKind } from "../gen/DocumentKind";
import type { PaymentMethod } from "../gen/PaymentMethod";
import type { SaleDocument } from "../gen/SaleDocument";
import { h } from "./dom";
import { formatRupees } from "./format";
import { language, t } from "../i18n";
import { tNodes } from "../i18n/nodes";
import { formatDateTime } from "./time";
import { uid } from "./ui";

/** Invoices are dated in India, whatever the computer's clock zone says. */
const INDIA = "Asia/Kolkata"; // i18n-ignore: a time zone name

/** The paper a document is laid out for: A4 or A5 sheets, or an 80 mm thermal roll. */
export type Paper = "a4" | "a5" | "roll";

export function documentTitle(kind: DocumentKind): string {
  switch (kind) {
    case "Invoice":
      return t("invoice.taxInvoice");
    case "CreditNote":
      return t("invoice.creditNote");
    case "DeliveryNote":
      return t("invoice.deliveryNote");
  }
}

function numberLabel(kind: DocumentKind): string {
  switch (kind) {
    case "Invoice":
      return t("invoice.invoiceNo");
    case "CreditNote":
      return t("invoice.creditNoteNo");
    case "DeliveryNote":
      return t("invoice.deliveryNoteNo");
  }
}

export function paymentLabel(method: PaymentMethod | null): string {
  switch (method) {
    case "Gateway":
      return t("history.online");
    case "Cash":
      return t("payment.cash");
    case null:
      return t("payment.free");
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
        th(t("invoice.description"), { rowspan: "2" }, false),
        th(t("invoice.hsn"), { rowspan: "2" }, false),
        th(t("invoice.qty"), { rowspan: "2" }),
        th(t("invoice.taxable"), { rowspan: "2" }),
        th(t("invoice.cgst"), { colspan: "2", scope: "colgroup" }),
        th(t("invoice.sgst"), { colspan: "2", scope: "colgroup" }),
        th(t("invoice.total"), { rowspan: "2" }),
      ),
      h("tr", {}, th(t("invoice.rate")), th(t("invoice.amount")), th(t("invoice.rate")), th(t("invoice.amount"))),
    ),
    h(
      "tbody",
      {},
      h(
        "tr",
        {},
        h(
          "td",
          { class: "invoice__description", attrs: { "data-label": t("invoice.item"), "data-testid": "invoice-description" } },
          t("invoice.line", { type: doc.type_name }),
          h("span", { class: "invoice__cylinder" }, ...tNodes("invoice.cylinder", { code: h("span", { attrs: { "data-testid": "invoice-cylinder" } }, doc.cylinder_code) })),
        ),
        td(doc.hsn, t("invoice.hsn"), "invoice-hsn", false),
        td("1", t("invoice.quantity"), "invoice-quantity"),
        td(formatRupees(doc.taxable), t("invoice.taxable"), "invoice-taxable"),
        td(half, t("invoice.cgstRate"), "invoice-cgst-rate"),
        td(formatRupees(doc.cgst), t("invoice.cgst"), "invoice-cgst"),
        td(half, t("invoice.sgstRate"), "invoice-sgst-rate"),
        td(formatRupees(doc.sgst), t("invoice.sgst"), "invoice-sgst"),
        td(formatRupees(doc.total), t("invoice.total"), "invoice-line-total"),
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
      doc.copy === "Original" ? t("invoice.original") : t("invoice.duplicate"),
    ),
  );
  if (doc.kind === "CreditNote" && doc.refers_to_number !== null) {
    const against =
      doc.refers_to_date === null
        ? t("invoice.against", { number: doc.refers_to_number })
        : t("invoice.againstDated", { number: doc.refers_to_number, date: formatDateTime(doc.refers_to_date, INDIA) });
    titles.append(h("p", { class: "invoice__against", attrs: { "data-testid": "invoice-against" } }, against));
  }

  const seller = h(
    "div",
    { class: "invoice__seller" },
    h("p", { class: "invoice__seller-name", attrs: { "data-testid": "invoice-seller" } }, doc.seller_name),
    h("p", { class: "invoice__address" }, doc.seller_address),
    h("p", {}, ...tNodes("invoice.gstin", { gstin: h("strong", { class: "invoice__gstin", attrs: { "data-testid": "invoice-gstin" } }, doc.seller_gstin === "" ? t("invoice.gstinMissing") : doc.seller_gstin) })),
    h("p", { attrs: { "data-testid": "invoice-seller-state" } }, t("invoice.state", { state: doc.seller_state })),
  );

  const buyer = h(
    "div",
    { class: "invoice__buyer" },
    h("p", { class: "invoice__label" }, doc.kind === "DeliveryNote" ? t("invoice.deliveredTo") : t("invoice.billTo")),
    h("p", { class: "invoice__buyer-name", attrs: { "data-testid": "invoice-customer" } }, doc.customer_name),
    h("p", {}, ...tNodes("invoice.consumerNo", { number: h("strong", { attrs: { "data-testid": "invoice-consumer-no" } }, doc.consumer_no) })),
  );
  if (doc.customer_address.trim() !== "") buyer.append(h("p", { class: "invoice__address" }, doc.customer_address));

  const meta = h(
    "dl",
    { class: "invoice__meta" },
    ...pair(numberLabel(doc.kind), doc.number, "invoice-number"),
    ...pair(t("invoice.date"), formatDateTime(doc.issued_at, INDIA), "invoice-date"),
    ...pair(t("invoice.booking"), doc.booking_reference, "invoice-booking-ref"),
    // GST rule 46(p): whether tax is payable on reverse charge (never, for LPG sold over the counter).
    ...pair(t("invoice.reverseCharge"), t("invoice.no"), "invoice-reverse-charge"),
  );

  const totals = h(
    "dl",
    { class: "invoice__totals" },
    ...pair(t("invoice.taxable"), formatRupees(doc.taxable)),
    ...pair(t("invoice.cgstAt", { rate: doc.half_rate_percent }), formatRupees(doc.cgst)),
    ...pair(t("invoice.sgstAt", { rate: doc.half_rate_percent }), formatRupees(doc.sgst)),
    ...pair(doc.kind === "CreditNote" ? t("invoice.totalCredited") : t("invoice.totalWithGst"), formatRupees(doc.total), "invoice-total"),
  );

  const payment = h(
    "dl",
    { class: "invoice__payment" },
    ...pair(t("common.payment"), paymentLabel(doc.payment_method), "invoice-payment"),
    ...pair(t("invoice.paymentRef"), doc.payment_reference ?? "—", "invoice-payment-ref"),
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
    h("p", { class: "invoice__words" }, ...tNodes("invoice.inWords", { words: h("strong", { attrs: { "data-testid": "invoice-words" } }, language() === "hi" ? doc.amount_in_words_hi : doc.amount_in_words) })),
    payment,
  );
  if (doc.kind === "CreditNote" && doc.refers_to_number !== null) {
    article.append(h("p", { class: "invoice__note" }, t("invoice.reverses", { number: doc.refers_to_number })));
  }
  if (doc.kind === "DeliveryNote") {
    article.append(h("p", { class: "invoice__note" }, t("invoice.free")));
  }
  article.append(
    h(
      "p",
      { class: "invoice__helpline" },
      ...tNodes("invoice.helpline", { number: h("strong", { attrs: { "data-testid": "invoice-helpline" } }, doc.helpline) }),
    ),
    h("p", { class: "invoice__sign" }, t("invoice.for", { seller: doc.seller_name }), h("br", {}), h("span", { class: "invoice__sign-line" }, t("invoice.signatory"))),
    h("p", { class: "invoice__foot" }, t("invoice.computerGenerated")),
  );
  return article;
}
