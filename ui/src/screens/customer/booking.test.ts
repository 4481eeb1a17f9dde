// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/error";
import { byTestId, customerHome, queryTestId, receipt, settle } from "../../testing/fake-backend";
import { customerContext, mount } from "../../testing/customer-context";
import { confirmScreen, paymentScreen } from "./booking";
import { receiptScreen } from "./receipt";

describe("booking confirmation", () => {
  it("shows the price the Indian way and which cylinder goes back", async () => {
    const { ctx, go } = customerContext({ customerHome: () => Promise.resolve(customerHome({ price: "100000.00" })) });
    const el = mount(confirmScreen(ctx).el);
    await settle();
    expect(byTestId(el, "confirm-price").textContent).toBe("₹1,00,000.00");
    expect(byTestId(el, "confirm-returned").textContent).toBe("ABC123");
    byTestId(el, "confirm-continue").click();
    expect(go.pay).toHaveBeenCalledWith(expect.objectContaining({ price: "100000.00" }));
  });

  it("says a first-time customer returns nothing", async () => {
    const { ctx } = customerContext({ customerHome: () => Promise.resolve(customerHome({ cylinder: null })) });
    const el = mount(confirmScreen(ctx).el);
    await settle();
    expect(byTestId(el, "confirm-returned").textContent).toMatch(/first cylinder/);
  });
});

describe("payment", () => {
  it("books and pays, showing a busy state while the backend works, then the receipt", async () => {
    let finish: (value: ReturnType<typeof receipt>) => void = () => undefined;
    const bookCylinder = vi.fn(() => new Promise<ReturnType<typeof receipt>>((resolve) => (finish = resolve)));
    const { ctx, go } = customerContext({ bookCylinder });
    const el = mount(paymentScreen(ctx, customerHome()).el);
    const pay = byTestId<HTMLButtonElement>(el, "pay-button");
    expect(pay.textContent).toBe("Pay ₹1,000.00");
    expect(byTestId(el, "pay-amount").textContent).toBe("₹1,000.00");
    pay.click();
    expect(bookCylinder).toHaveBeenCalledOnce();
    expect(bookCylinder).toHaveBeenCalledWith("1000.00", expect.any(String));
    expect(pay.disabled).toBe(true);
    expect(pay.getAttribute("aria-busy")).toBe("true");
    expect(queryTestId(el, "pay-busy")).not.toBeNull();
    pay.click();
    expect(bookCylinder).toHaveBeenCalledOnce();
    finish(receipt());
    await settle();
    expect(go.receipt).toHaveBeenCalledWith(receipt(), true);
  });

  it("shows a failed payment in the backend's words, and no receipt", async () => {
    const message = "The payment did not go through (card declined). You have not been charged and nothing was booked.";
    const { ctx, go } = customerContext({ bookCylinder: () => Promise.reject(new ApiError("PaymentFailed", message)) });
    const el = mount(paymentScreen(ctx, customerHome()).el);
    byTestId(el, "pay-button").click();
    await settle();
    const panel = byTestId(el, "pay-error");
    expect(panel.getAttribute("role")).toBe("alert");
    expect(panel.dataset["code"]).toBe("PaymentFailed");
    expect(byTestId(el, "pay-error-message").textContent).toBe(message);
    expect(queryTestId(el, "receipt")).toBeNull();
    expect(go.receipt).not.toHaveBeenCalled();
    expect(queryTestId(el, "pay-retry")).not.toBeNull();
  });

  it("says so when stock ran out, with no retry", async () => {
    const message = "Sorry, no filled cylinders are available right now. You have not been charged.";
    const { ctx, go } = customerContext({ bookCylinder: () => Promise.reject(new ApiError("OutOfStock", message)) });
    const el = mount(paymentScreen(ctx, customerHome()).el);
    byTestId(el, "pay-button").click();
    await settle();
    expect(byTestId(el, "pay-error-message").textContent).toBe(message);
    expect(queryTestId(el, "pay-retry")).toBeNull();
    byTestId(el, "pay-home").click();
    expect(go.home).toHaveBeenCalled();
  });

  it("shows a conflict as the backend says it and lets the customer try again", async () => {
    const bookCylinder = vi
      .fn()
      .mockRejectedValueOnce(new ApiError("Conflict", "That cylinder was just taken. Please try again."))
      .mockResolvedValueOnce(receipt());
    const { ctx, go } = customerContext({ bookCylinder });
    const el = mount(paymentScreen(ctx, customerHome()).el);
    byTestId(el, "pay-button").click();
    await settle();
    expect(byTestId(el, "pay-error-message").textContent).toBe("That cylinder was just taken. Please try again.");
    byTestId(el, "pay-retry").click();
    await settle();
    expect(bookCylinder).toHaveBeenCalledTimes(2);
    expect(go.receipt).toHaveBeenCalledOnce();
  });
});

describe("a price changed by staff while the pay sheet was open", () => {
  it("charges nothing, says so, and shows a new sheet at the new price instead of retrying the old one", async () => {
    const message = "The price has changed to ₹1,100.00 (you were shown ₹1,000.00). Nothing was charged. Please check the new price and confirm again.";
    const bookCylinder = vi.fn(() => Promise.reject(new ApiError("Conflict", message)));
    const { ctx, go } = customerContext({ bookCylinder, customerHome: () => Promise.resolve(customerHome({ price: "1100.00" })) });
    const el = mount(paymentScreen(ctx, customerHome()).el);
    byTestId(el, "pay-button").click();
    await settle();
    expect(bookCylinder).toHaveBeenCalledWith("1000.00", expect.any(String));
    expect(byTestId(el, "pay-error-message").textContent).toBe(message);
    byTestId(el, "pay-retry").click();
    await settle();
    expect(bookCylinder).toHaveBeenCalledOnce();
    expect(go.pay).toHaveBeenCalledWith(expect.objectContaining({ price: "1100.00" }));
  });
});

describe("receipt", () => {
  it("shows every detail and prints", () => {
    const { ctx } = customerContext();
    const print = vi.fn();
    window.print = print;
    const el = mount(receiptScreen(ctx, receipt(), true).el);
    expect(byTestId(el, "receipt-booking-ref").textContent).toBe("BK-000042");
    expect(byTestId(el, "receipt-cylinder").textContent).toBe("XYZ789");
    expect(byTestId(el, "receipt-returned").textContent).toBe("ABC123");
    expect(byTestId(el, "receipt-amount").textContent).toBe("₹1,000.00");
    expect(byTestId(el, "receipt-payment-ref").textContent).toBe("pay_TEST123");
    expect(byTestId(el, "receipt-time").textContent).toMatch(/2025/);
    byTestId(el, "receipt-print").click();
    expect(print).toHaveBeenCalledOnce();
  });

  it("says when nothing was returned", () => {
    const { ctx } = customerContext();
    const el = mount(receiptScreen(ctx, receipt({ returned_cylinder_code: null }), false).el);
    expect(byTestId(el, "receipt-returned").textContent).toBe("None (first cylinder)");
  });
});
