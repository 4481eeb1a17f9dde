// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/error";
import { byTestId, queryTestId, saleDocument, settle } from "../testing/fake-backend";
import { setLanguage } from "../i18n";
import { invoiceView } from "./invoice";
import { PAGE_RULES, printableDocument } from "./print-document";

function mount(el: HTMLElement): HTMLElement {
  document.body.replaceChildren(el);
  return el;
}

describe("the GST tax invoice", () => {
  it("in Hindi says the amount in Hindi words (Indian numbering); in English the words as issued", () => {
    setLanguage("hi");
    const hindi = invoiceView(saleDocument());
    expect(byTestId(hindi, "invoice-words").textContent).toBe("एक हज़ार रुपये मात्र");
    setLanguage("en");
    expect(byTestId(invoiceView(saleDocument()), "invoice-words").textContent).toBe("One Thousand Rupees Only");
  });

  it("says reverse charge does not apply, leaves room for the signatory, and says so when the GSTIN was not entered", () => {
    const el = mount(invoiceView(saleDocument({ seller_gstin: "" })));
    expect(byTestId(el, "invoice-reverse-charge").textContent).toBe("No");
    expect(el.textContent).toContain("Authorised signatory");
    expect(byTestId(el, "invoice-gstin").textContent).toBe("not entered");
  });

  it("dates the invoice a credit note reverses", () => {
    const note = saleDocument({ kind: "CreditNote", number: "CN/25-26/000003", refers_to_number: "GD/25-26/000012", refers_to_date: "2025-04-12T05:00:00.000000Z" });
    const el = mount(invoiceView(note));
    expect(byTestId(el, "invoice-against").textContent).toMatch(/^against invoice GD\/25-26\/000012 of 12 Apr 2025, 10:30 am$/i);
  });

  it("shows the seller, the buyer with the consumer number, and every GST part of the one line", () => {
    const el = mount(invoiceView(saleDocument()));
    expect(byTestId(el, "invoice-title").textContent).toBe("Tax Invoice");
    expect(byTestId(el, "invoice-copy").textContent).toBe("Original for recipient");
    expect(byTestId(el, "invoice-seller").textContent).toBe("Sri Lakshmi Gas Agency Private Limited");
    expect(el.textContent).toContain("12 Station Road, Jayanagar, Bengaluru 560041");
    expect(byTestId(el, "invoice-gstin").textContent).toBe("29AAGCG1234K1ZJ");
    expect(byTestId(el, "invoice-seller-state").textContent).toBe("State: Karnataka (29)");
    expect(byTestId(el, "invoice-number").textContent).toBe("GD/2025-26/000012");
    // 05:00 UTC is 10:30 in India, the date the invoice is legally dated by.
    expect(byTestId(el, "invoice-date").textContent).toMatch(/^12 Apr 2025, 10:30 am$/i);
    expect(byTestId(el, "invoice-customer").textContent).toBe("Asha Rao");
    expect(byTestId(el, "invoice-consumer-no").textContent).toBe("7100000042");
    expect(el.textContent).toContain("4 Temple Lane, Bengaluru");

    expect(byTestId(el, "invoice-description").textContent).toContain("14.2 kg domestic");
    expect(byTestId(el, "invoice-cylinder").textContent).toBe("XYZ789");
    expect(byTestId(el, "invoice-hsn").textContent).toBe("2711");
    expect(byTestId(el, "invoice-quantity").textContent).toBe("1");
    expect(byTestId(el, "invoice-taxable").textContent).toBe("₹952.38");
    expect(byTestId(el, "invoice-cgst-rate").textContent).toBe("2.5%");
    expect(byTestId(el, "invoice-cgst").textContent).toBe("₹23.81");
    expect(byTestId(el, "invoice-sgst-rate").textContent).toBe("2.5%");
    expect(byTestId(el, "invoice-sgst").textContent).toBe("₹23.81");
    expect(byTestId(el, "invoice-line-total").textContent).toBe("₹1,000.00");
    expect(el.querySelectorAll('[data-testid="invoice-lines"] tbody tr')).toHaveLength(1);

    expect(byTestId(el, "invoice-total").textContent).toBe("₹1,000.00");
    expect(byTestId(el, "invoice-words").textContent).toBe("One Thousand Rupees Only");
    expect(byTestId(el, "invoice-payment").textContent).toBe("Online (Razorpay)");
    expect(byTestId(el, "invoice-payment-ref").textContent).toBe("pay_TEST123");
    expect(byTestId(el, "invoice-helpline").textContent).toBe("1906");
    expect(byTestId(el, "invoice-booking-ref").textContent).toBe("BK-000042");
    expect(queryTestId(el, "invoice-against")).toBeNull();
  });

  it("shows large amounts the Indian way and the 18 % commercial rate as 9 % + 9 %", () => {
    const el = mount(
      invoiceView(
        saleDocument({
          type_name: "19 kg commercial",
          gst_rate_percent: "18",
          half_rate_percent: "9",
          total: "175000.00",
          taxable: "148305.08",
          cgst: "13347.46",
          sgst: "13347.46",
          amount_in_words: "One Lakh Seventy Five Thousand Rupees Only",
          payment_method: "Cash",
          payment_reference: "CASH-12",
        }),
      ),
    );
    expect(byTestId(el, "invoice-cgst-rate").textContent).toBe("9%");
    expect(byTestId(el, "invoice-taxable").textContent).toBe("₹1,48,305.08");
    expect(byTestId(el, "invoice-cgst").textContent).toBe("₹13,347.46");
    expect(byTestId(el, "invoice-total").textContent).toBe("₹1,75,000.00");
    expect(byTestId(el, "invoice-words").textContent).toBe("One Lakh Seventy Five Thousand Rupees Only");
    expect(byTestId(el, "invoice-payment").textContent).toBe("Cash at the counter");
  });

  it("shows CGST and SGST each in its own place when they differ by the odd paisa", () => {
    const el = mount(invoiceView(saleDocument({ type_name: "5 kg domestic", total: "350.00", taxable: "333.33", cgst: "8.34", sgst: "8.33" })));
    expect(byTestId(el, "invoice-cgst").textContent).toBe("₹8.34");
    expect(byTestId(el, "invoice-sgst").textContent).toBe("₹8.33");
    expect(el.querySelector(".invoice__totals")?.textContent).toContain("CGST @ 2.5%₹8.34SGST @ 2.5%₹8.33");
  });

  it("labels a reprint Duplicate", () => {
    const el = mount(invoiceView(saleDocument({ copy: "Duplicate" })));
    expect(byTestId(el, "invoice-copy").textContent).toBe("Duplicate");
    expect(el.dataset["copy"]).toBe("Duplicate");
  });

  it("a credit note names the invoice it reverses", () => {
    const el = mount(invoiceView(saleDocument({ kind: "CreditNote", number: "CN/2025-26/000003", refers_to_number: "GD/2025-26/000012" })));
    expect(byTestId(el, "invoice-title").textContent).toBe("Credit Note");
    expect(byTestId(el, "invoice-against").textContent).toBe("against invoice GD/2025-26/000012");
    expect(byTestId(el, "invoice-number").textContent).toBe("CN/2025-26/000003");
    expect(el.textContent).toContain("Credit note no.");
    expect(el.textContent).toContain("reverses invoice GD/2025-26/000012");
  });

  it("a free replacement's delivery note is zero-value, with no charge", () => {
    const el = mount(
      invoiceView(
        saleDocument({
          kind: "DeliveryNote",
          number: "DN/2025-26/000001",
          total: "0.00",
          taxable: "0.00",
          cgst: "0.00",
          sgst: "0.00",
          amount_in_words: "Zero Rupees Only",
          payment_method: null,
          payment_reference: null,
        }),
      ),
    );
    expect(byTestId(el, "invoice-title").textContent).toBe("Delivery Note (no charge)");
    expect(byTestId(el, "invoice-total").textContent).toBe("₹0.00");
    expect(byTestId(el, "invoice-cgst").textContent).toBe("₹0.00");
    expect(byTestId(el, "invoice-sgst").textContent).toBe("₹0.00");
    expect(byTestId(el, "invoice-payment").textContent).toBe("No charge");
    expect(byTestId(el, "invoice-payment-ref").textContent).toBe("—");
    expect(el.textContent).toContain("Delivery note no.");
    expect(el.textContent).not.toContain("Tax Invoice");
  });

  it("shows names and addresses as text, never as markup", () => {
    const el = mount(invoiceView(saleDocument({ customer_name: '<img src=x onerror="alert(1)">', customer_address: "<b>4</b> Lane" })));
    expect(byTestId(el, "invoice-customer").textContent).toBe('<img src=x onerror="alert(1)">');
    expect(el.querySelector("img")).toBeNull();
    expect(el.querySelector("b")).toBeNull();
  });
});

describe("printing a document", () => {
  afterEach(() => {
    window.localStorage.clear();
    document.body.classList.remove("printing-document");
    document.getElementById("print-page-size")?.remove();
    document.getElementById("print-root")?.remove();
  });

  it("records the print first, shows the copy it returns, and prints that alone", async () => {
    const print = vi.fn();
    window.print = print;
    const record = vi.fn((id: number) => Promise.resolve(saleDocument({ id, copy: "Original" })));
    const printable = printableDocument(saleDocument(), record);
    mount(document.createElement("div")).append(printable.view, printable.controls);
    byTestId(document.body, "invoice-print").click();
    expect(print).not.toHaveBeenCalled();
    await settle();
    expect(record).toHaveBeenCalledWith(12);
    expect(print).toHaveBeenCalledOnce();
    expect(document.body.classList.contains("printing-document")).toBe(true);
    const root = document.getElementById("print-root");
    expect(root?.querySelector(".invoice__copy")?.textContent).toBe("Original for recipient");
    // The paper copy repeats no id or test id of the page.
    expect(root?.querySelector("[id], [data-testid]")).toBeNull();
    expect(document.querySelectorAll('[data-testid="invoice"]')).toHaveLength(1);
    expect(document.getElementById("print-page-size")?.textContent).toBe(PAGE_RULES.a4);

    // A reprint: the backend says Duplicate, and the screen and the paper say so too.
    record.mockResolvedValueOnce(saleDocument({ copy: "Duplicate" }));
    byTestId(document.body, "invoice-print").click();
    await settle();
    expect(print).toHaveBeenCalledTimes(2);
    expect(byTestId(printable.view, "invoice-copy").textContent).toBe("Duplicate");
    expect(document.getElementById("print-root")?.querySelector(".invoice__copy")?.textContent).toBe("Duplicate");
    window.dispatchEvent(new Event("afterprint"));
    expect(document.body.classList.contains("printing-document")).toBe(false);
    expect(document.getElementById("print-root")?.childElementCount).toBe(0);
  });

  it("ends printing alone on the next touch when the browser never says the print is over", async () => {
    window.print = vi.fn();
    const printable = printableDocument(saleDocument(), () => Promise.resolve(saleDocument()));
    mount(document.createElement("div")).append(printable.view, printable.controls);
    byTestId(printable.controls, "invoice-print").click();
    await settle();
    expect(document.body.classList.contains("printing-document")).toBe(true);
    document.body.dispatchEvent(new Event("pointerdown", { bubbles: true }));
    expect(document.body.classList.contains("printing-document")).toBe(false);
  });

  it("lays the document out for the paper chosen, sets that page size, and remembers it", async () => {
    window.print = vi.fn();
    const printable = printableDocument(saleDocument(), () => Promise.resolve(saleDocument()));
    mount(document.createElement("div")).append(printable.view, printable.controls);
    expect(byTestId(printable.view, "invoice").classList.contains("invoice--a4")).toBe(true);
    const roll = byTestId<HTMLInputElement>(printable.controls, "print-paper-roll");
    roll.checked = true;
    roll.dispatchEvent(new Event("change"));
    expect(byTestId(printable.view, "invoice").classList.contains("invoice--roll")).toBe(true);
    byTestId(printable.controls, "invoice-print").click();
    await settle();
    expect(document.getElementById("print-page-size")?.textContent).toBe(PAGE_RULES.roll);
    expect(PAGE_RULES.roll).toContain("80mm");
    expect(document.getElementById("print-root")?.firstElementChild?.classList.contains("invoice--roll")).toBe(true);

    // The next document in this window starts on the roll.
    const next = printableDocument(saleDocument(), () => Promise.resolve(saleDocument()));
    expect(byTestId<HTMLInputElement>(next.controls, "print-paper-roll").checked).toBe(true);
    expect(byTestId(next.view, "invoice").classList.contains("invoice--roll")).toBe(true);
  });

  it("prints nothing when the print cannot be recorded, and says why beside the button", async () => {
    const print = vi.fn();
    window.print = print;
    const printable = printableDocument(saleDocument(), () => Promise.reject(new ApiError("OfficeOffline", "The office PC cannot be reached.")));
    mount(document.createElement("div")).append(printable.view, printable.controls);
    byTestId(printable.controls, "invoice-print").click();
    await settle();
    expect(print).not.toHaveBeenCalled();
    const line = byTestId(printable.controls, "invoice-print-error");
    expect(line.hidden).toBe(false);
    expect(line.textContent).toBe("Not printed: The office PC cannot be reached.");
    expect(byTestId<HTMLButtonElement>(printable.controls, "invoice-print").disabled).toBe(false);
  });
});
