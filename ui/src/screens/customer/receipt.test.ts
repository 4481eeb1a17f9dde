// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { byTestId, queryTestId, receipt, saleDocument, settle } from "../../testing/fake-backend";
import { customerContext, mount } from "../../testing/customer-context";
import { receiptScreen } from "./receipt";

afterEach(() => {
  document.body.classList.remove("printing-document");
});

describe("after paying: the tax invoice", () => {
  it("thanks the customer, shows the invoice instead of a receipt, and prints the copy the backend records", async () => {
    const print = vi.fn();
    window.print = print;
    const printDocument = vi.fn((_id: number) => Promise.resolve(saleDocument({ copy: "Duplicate" })));
    const { ctx, go } = customerContext({ printDocument });
    const el = mount(receiptScreen(ctx, receipt(), true).el);
    expect(byTestId(el, "booking-success").textContent).toBe(
      "Payment received. Cylinder XYZ789 (14.2 kg domestic) is booked for you. Hand back your empty cylinder ABC123 when you collect it.",
    );
    expect(queryTestId(el, "receipt")).toBeNull();
    expect(byTestId(el, "invoice-title").textContent).toBe("Tax Invoice");
    expect(byTestId(el, "invoice-consumer-no").textContent).toBe("7100000042");
    expect(byTestId(el, "invoice-copy").textContent).toBe("Original for recipient");
    expect(byTestId(el, "print-paper").textContent).toContain("Print on:");
    expect(byTestId(el, "print-paper").textContent).toContain("80 mm roll");

    byTestId(el, "invoice-print").click();
    await settle();
    expect(printDocument).toHaveBeenCalledWith(12);
    expect(print).toHaveBeenCalledOnce();
    expect(byTestId(el, "invoice-copy").textContent).toBe("Duplicate");

    byTestId(el, "receipt-done").click();
    expect(go.home).toHaveBeenCalledOnce();
  });

  it("says nothing about handing back when nothing went back", () => {
    const { ctx } = customerContext();
    const el = mount(receiptScreen(ctx, receipt({ returned_cylinder_code: null }), true).el);
    expect(byTestId(el, "booking-success").textContent).toBe("Payment received. Cylinder XYZ789 (14.2 kg domestic) is booked for you.");
  });

  it("opened from My bookings, goes back there", () => {
    const { ctx, go } = customerContext();
    const el = mount(receiptScreen(ctx, receipt(), false).el);
    expect(queryTestId(el, "booking-success")).toBeNull();
    byTestId(el, "receipt-done").click();
    expect(go.history).toHaveBeenCalledOnce();
  });
});

describe("a booking from before invoices: the old receipt", () => {
  it("shows every detail and prints", () => {
    const { ctx } = customerContext();
    const print = vi.fn();
    window.print = print;
    document.body.classList.add("printing-document");
    const el = mount(receiptScreen(ctx, receipt({ document: null }), false).el);
    expect(queryTestId(el, "invoice")).toBeNull();
    expect(byTestId(el, "receipt-booking-ref").textContent).toBe("BK-000042");
    expect(byTestId(el, "receipt-consumer-no").textContent).toBe("7100000042");
    expect(byTestId(el, "receipt-cylinder").textContent).toBe("XYZ789");
    expect(byTestId(el, "receipt-type").textContent).toBe("14.2 kg domestic");
    expect(byTestId(el, "receipt-returned").textContent).toBe("ABC123");
    expect(byTestId(el, "receipt-amount").textContent).toBe("₹1,000.00");
    expect(byTestId(el, "receipt-payment-ref").textContent).toBe("pay_TEST123");
    expect(byTestId(el, "receipt-time").textContent).toMatch(/2025/);
    byTestId(el, "receipt-print").click();
    expect(print).toHaveBeenCalledOnce();
    // A document printed earlier in this window must not hide the receipt from the printout.
    expect(document.body.classList.contains("printing-document")).toBe(false);
  });

  it("says when nothing was returned", () => {
    const { ctx } = customerContext();
    const el = mount(receiptScreen(ctx, receipt({ document: null, returned_cylinder_code: null }), false).el);
    expect(byTestId(el, "receipt-returned").textContent).toBe("None");
  });
});
