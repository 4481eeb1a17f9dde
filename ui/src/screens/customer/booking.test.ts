// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/error";
import type { CustomerHome } from "../../gen/CustomerHome";
import type { ErrorDetail } from "../../gen/ErrorDetail";
import { byTestId, connection, customerHome, queryTestId, receipt, settle } from "../../testing/fake-backend";
import { customerContext, mount } from "../../testing/customer-context";
import { fakeLink } from "../../testing/fake-link";
import { resetLanguage, setLanguage, t } from "../../i18n";
import { CHECK_OUTCOME_MS, confirmScreen, paymentScreen } from "./booking";
import { refillChoice, type RefillChoice } from "./connection";

/** The 14.2 kg refill of `home` (by default a single-bottle connection holding its one). */
function choice(home: CustomerHome = customerHome()): RefillChoice {
  const found = refillChoice(home, 1);
  if (found === null) throw new Error("no 14.2 kg connection");
  return found;
}

const TOO_EARLY =
  "Your last 14.2 kg domestic refill was on 3 Dec 2025. Refills must be at least 25 days apart, so the next one can be booked from 28 Dec 2025.";
/** The same refusal in typed fields, which the screens build their words from. */
const TOO_EARLY_RULE: ErrorDetail = { reason: "RefillGap", type_name: "14.2 kg domestic", last_refill: "2025-12-03", gap_days: 25, next_from: "2025-12-28" };

describe("booking confirmation", () => {
  it("shows the type, the price the Indian way and which cylinder goes back when the connection is full", async () => {
    const { ctx, go } = customerContext({ customerHome: () => Promise.resolve(customerHome({ connections: [connection({ price: "100000.00" })] })) });
    const el = mount(confirmScreen(ctx, 1).el);
    await settle();
    expect(byTestId(el, "confirm-type").textContent).toBe("14.2 kg domestic");
    expect(byTestId(el, "confirm-price").textContent).toBe("₹1,00,000.00");
    expect(byTestId(el, "confirm-returned").textContent).toBe("ABC123");
    expect(byTestId(el, "confirm-returned-note").textContent).toBe("You hand back one empty 14.2 kg domestic cylinder.");
    byTestId(el, "confirm-continue").click();
    expect(go.pay).toHaveBeenCalledWith(
      expect.objectContaining({ connection: expect.objectContaining({ type_id: 1, price: "100000.00" }), handsBack: true, handBackCode: "ABC123" }),
    );
  });

  it("a double-bottle household holding 1 of 2 hands nothing back", async () => {
    const home = customerHome({ connections: [connection({ allowance: 2, held: 1 })] });
    const { ctx, go } = customerContext({ customerHome: () => Promise.resolve(home) });
    const el = mount(confirmScreen(ctx, 1).el);
    await settle();
    expect(byTestId(el, "confirm-returned").textContent).toBe("No cylinder to hand back");
    expect(byTestId(el, "confirm-returned-note").textContent).toContain("Double-bottle (holds 1 of 2)");
    byTestId(el, "confirm-continue").click();
    expect(go.pay).toHaveBeenCalledWith(expect.objectContaining({ handsBack: false, handBackCode: null }));
  });

  it("confirms the connection it was asked for, of several", async () => {
    const fiveKg = connection({ type_id: 2, type_name: "5 kg domestic", price: "350.00", held: 0 });
    const home = customerHome({ connections: [connection(), fiveKg] });
    const { ctx, go } = customerContext({ customerHome: () => Promise.resolve(home) });
    const el = mount(confirmScreen(ctx, 2).el);
    await settle();
    expect(byTestId(el, "confirm-type").textContent).toBe("5 kg domestic");
    expect(byTestId(el, "confirm-price").textContent).toBe("₹350.00");
    expect(byTestId(el, "confirm-returned").textContent).toBe("No cylinder to hand back");
    byTestId(el, "confirm-continue").click();
    expect(go.pay).toHaveBeenCalledWith(expect.objectContaining({ connection: fiveKg }));
  });

  it("shows why a refill the rules do not allow yet cannot be booked, with no way on to pay", async () => {
    const home = customerHome({ connections: [connection({ refill_blocked: TOO_EARLY, refill_rule: TOO_EARLY_RULE, next_refill_from: "2025-12-28" })] });
    const { ctx, go } = customerContext({ customerHome: () => Promise.resolve(home) });
    const el = mount(confirmScreen(ctx, 1).el);
    await settle();
    expect(byTestId(el, "confirm-blocked").textContent).toContain(TOO_EARLY);
    expect(byTestId(el, "confirm-blocked").textContent).toContain("Nothing has been charged.");
    expect(queryTestId(el, "confirm-continue")).toBeNull();
    byTestId(el, "confirm-back").click();
    expect(go.home).toHaveBeenCalledOnce();
    expect(go.pay).not.toHaveBeenCalled();
  });

  it("says so plainly when there is no connection of that type", async () => {
    const { ctx } = customerContext({ customerHome: () => Promise.resolve(customerHome()) });
    const el = mount(confirmScreen(ctx, 3).el);
    await settle();
    expect(byTestId(el, "confirm-blocked").textContent).toMatch(/no connection for that kind of cylinder/);
    expect(queryTestId(el, "confirm-continue")).toBeNull();
  });
});

describe("payment", () => {
  it("books and pays, showing a busy state while the backend works, then the receipt", async () => {
    let finish: (value: ReturnType<typeof receipt>) => void = () => undefined;
    const bookCylinder = vi.fn(() => new Promise<ReturnType<typeof receipt>>((resolve) => (finish = resolve)));
    const { ctx, go } = customerContext({ bookCylinder });
    const el = mount(paymentScreen(ctx, choice()).el);
    const pay = byTestId<HTMLButtonElement>(el, "pay-button");
    expect(pay.textContent).toBe("Pay ₹1,000.00");
    expect(byTestId(el, "pay-amount").textContent).toBe("₹1,000.00");
    pay.click();
    expect(bookCylinder).toHaveBeenCalledOnce();
    expect(bookCylinder).toHaveBeenCalledWith(1, "1000.00", expect.any(String));
    expect(byTestId(el, "pay-for").textContent).toBe("14.2 kg domestic refill");
    expect(byTestId(el, "pay-returning").textContent).toBe("ABC123");
    expect(pay.disabled).toBe(true);
    expect(pay.getAttribute("aria-busy")).toBe("true");
    expect(queryTestId(el, "pay-busy")).not.toBeNull();
    pay.click();
    expect(bookCylinder).toHaveBeenCalledOnce();
    finish(receipt());
    await settle();
    expect(go.receipt).toHaveBeenCalledWith(receipt(), true);
  });

  it("shows a failed payment in the catalog's words for its code (not the backend's), and no receipt", async () => {
    const backendWords = "The payment did not go through (card declined). You have not been charged and nothing was booked.";
    const message = "The payment did not go through. You have not been charged and nothing was booked.";
    const { ctx, go } = customerContext({ bookCylinder: () => Promise.reject(new ApiError("PaymentFailed", backendWords)) });
    const el = mount(paymentScreen(ctx, choice()).el);
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

  it("says in Hindi that a booking cancelled during its payment was refunded, with the amount, never the backend's English", async () => {
    setLanguage("hi");
    try {
      const english = "This booking was cancelled while the payment was going through. Your payment of ₹1,000.00 has been refunded.";
      const detail: ErrorDetail = { reason: "BookingCancelled", amount: "1000.00", refunded: true, during_payment: true };
      const { ctx } = customerContext({ bookCylinder: () => Promise.reject(new ApiError("Conflict", english, undefined, detail)) });
      const el = mount(paymentScreen(ctx, choice()).el);
      byTestId(el, "pay-button").click();
      await settle();
      const shown = byTestId(el, "pay-error-message").textContent ?? "";
      expect(shown).toBe("भुगतान के दौरान ही यह बुकिंग रद्द हो गई। आपका ₹1,000.00 का भुगतान वापस कर दिया गया है।");
      expect(shown).not.toContain("refunded");
    } finally {
      resetLanguage();
    }
  });

  it("says so when stock ran out, with no retry", async () => {
    const message = "Sorry, no filled cylinders are available right now. You have not been charged.";
    const { ctx, go } = customerContext({ bookCylinder: () => Promise.reject(new ApiError("OutOfStock", message)) });
    const el = mount(paymentScreen(ctx, choice()).el);
    byTestId(el, "pay-button").click();
    await settle();
    expect(byTestId(el, "pay-error-message").textContent).toBe(message);
    expect(queryTestId(el, "pay-retry")).toBeNull();
    byTestId(el, "pay-home").click();
    expect(go.home).toHaveBeenCalled();
  });

  it("shows a refill the rules refuse in words built from its typed reason, says nothing was charged, and offers no retry", async () => {
    const bookCylinder = vi.fn(() => Promise.reject(new ApiError("RefillRule", "(the backend's English)", undefined, TOO_EARLY_RULE)));
    const { ctx, go } = customerContext({ bookCylinder });
    const el = mount(paymentScreen(ctx, choice()).el);
    byTestId(el, "pay-button").click();
    await settle();
    const panel = byTestId(el, "pay-error");
    expect(panel.dataset["code"]).toBe("RefillRule");
    expect(panel.textContent).toContain("This refill cannot be booked yet");
    expect(byTestId(el, "pay-error-message").textContent).toBe(TOO_EARLY);
    expect(byTestId(el, "pay-error-uncharged").textContent).toBe("Nothing was charged.");
    expect(queryTestId(el, "pay-retry")).toBeNull();
    expect(go.receipt).not.toHaveBeenCalled();
    expect(bookCylinder).toHaveBeenCalledOnce();
  });

  it("shows a conflict as the backend says it and lets the customer try again", async () => {
    const bookCylinder = vi
      .fn()
      .mockRejectedValueOnce(new ApiError("Conflict", "That cylinder was just taken. Please try again."))
      .mockResolvedValueOnce(receipt());
    const { ctx, go } = customerContext({ bookCylinder });
    const el = mount(paymentScreen(ctx, choice()).el);
    byTestId(el, "pay-button").click();
    await settle();
    // The catalog's line for a Conflict, never the backend's English.
    expect(byTestId(el, "pay-error-message").textContent).toBe("This could not be done just now. Please look again, or ask the staff.");
    byTestId(el, "pay-retry").click();
    await settle();
    expect(bookCylinder).toHaveBeenCalledTimes(2);
    expect(go.receipt).toHaveBeenCalledOnce();
  });
});

describe("a price changed by staff while the pay sheet was open", () => {
  it("charges nothing, says so, and shows a new sheet at the new price instead of retrying the old one", async () => {
    const message = "The price has changed to ₹1,100.00 (you were shown ₹1,000.00). Nothing was charged. Please check the new price and confirm again.";
    const bookCylinder = vi.fn(() =>
      Promise.reject(new ApiError("Conflict", "(the backend's English)", undefined, { reason: "PriceChanged", price: "1100.00", shown: "1000.00" })),
    );
    const dearer = customerHome({ connections: [connection({ price: "1100.00" })] });
    const { ctx, go } = customerContext({ bookCylinder, customerHome: () => Promise.resolve(dearer) });
    const el = mount(paymentScreen(ctx, choice()).el);
    byTestId(el, "pay-button").click();
    await settle();
    expect(bookCylinder).toHaveBeenCalledWith(1, "1000.00", expect.any(String));
    expect(byTestId(el, "pay-error-message").textContent).toBe(message);
    byTestId(el, "pay-retry").click();
    await settle();
    expect(bookCylinder).toHaveBeenCalledOnce();
    expect(go.pay).toHaveBeenCalledWith(expect.objectContaining({ connection: expect.objectContaining({ price: "1100.00" }) }));
  });
});

describe("a booking whose answer from the office was lost (kiosk PC)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const unknown = (): ApiError =>
    new ApiError("OutcomeUnknown", "We could not hear back from the office about this booking yet. Please do not pay again: we are checking it.");

  it("says 'do not pay again', asks again with the same key until the office settles it, and shows the receipt", async () => {
    vi.useFakeTimers();
    const bookCylinder = vi
      .fn()
      .mockRejectedValueOnce(unknown())
      .mockRejectedValueOnce(new ApiError("OfficeOffline", "The office PC cannot be reached."))
      .mockRejectedValueOnce(unknown())
      .mockResolvedValueOnce(receipt());
    const { ctx, go } = customerContext({ bookCylinder });
    const el = mount(paymentScreen(ctx, choice()).el);
    const pay = byTestId<HTMLButtonElement>(el, "pay-button");
    pay.click();
    await settle();
    expect(byTestId(el, "pay-unknown").textContent).toBe(t("pay.unknown"));
    expect(queryTestId(el, "pay-error")).toBeNull();
    expect(pay.disabled).toBe(true);
    expect(byTestId<HTMLButtonElement>(el, "pay-cancel").disabled).toBe(true);
    pay.click();
    expect(bookCylinder).toHaveBeenCalledOnce();

    await vi.advanceTimersByTimeAsync(CHECK_OUTCOME_MS);
    expect(bookCylinder).toHaveBeenCalledTimes(2);
    expect(queryTestId(el, "pay-error")).toBeNull();
    expect(byTestId(el, "pay-unknown").textContent).toBe(t("pay.unknown"));
    await vi.advanceTimersByTimeAsync(CHECK_OUTCOME_MS * 2);
    expect(bookCylinder).toHaveBeenCalledTimes(4);
    await settle();
    expect(go.receipt).toHaveBeenCalledWith(receipt(), true);
    const keys = bookCylinder.mock.calls.map((call: unknown[]) => call[2]);
    expect(new Set(keys).size).toBe(1);
    expect(bookCylinder.mock.calls.every((call: unknown[]) => call[0] === 1 && call[1] === "1000.00")).toBe(true);
  });

  it("shows the office's settled refusal once it comes, with no retry of the same booking", async () => {
    vi.useFakeTimers();
    const message = "Sorry, no filled cylinders are available right now. You have not been charged.";
    const bookCylinder = vi.fn().mockRejectedValueOnce(unknown()).mockRejectedValueOnce(new ApiError("OutOfStock", message));
    const { ctx, go } = customerContext({ bookCylinder });
    const el = mount(paymentScreen(ctx, choice()).el);
    byTestId(el, "pay-button").click();
    await settle();
    await vi.advanceTimersByTimeAsync(CHECK_OUTCOME_MS);
    await settle();
    expect(byTestId(el, "pay-error").dataset["code"]).toBe("OutOfStock");
    expect(byTestId(el, "pay-error-message").textContent).toBe(message);
    expect(queryTestId(el, "pay-unknown")).toBeNull();
    await vi.advanceTimersByTimeAsync(CHECK_OUTCOME_MS * 3);
    expect(bookCylinder).toHaveBeenCalledTimes(2);
    expect(go.receipt).not.toHaveBeenCalled();
  });

  it("keeps checking with the same key after a server error, which may have come after the charge", async () => {
    vi.useFakeTimers();
    const bookCylinder = vi
      .fn()
      .mockRejectedValueOnce(new ApiError("Internal", "Something went wrong at the office."))
      .mockRejectedValueOnce(new ApiError("Storage", "The records could not be saved."))
      .mockRejectedValueOnce(unknown())
      .mockResolvedValueOnce(receipt());
    const { ctx, go } = customerContext({ bookCylinder });
    const el = mount(paymentScreen(ctx, choice()).el);
    byTestId(el, "pay-button").click();
    await settle();
    expect(byTestId(el, "pay-unknown").textContent).toBe(t("pay.unknown"));
    expect(queryTestId(el, "pay-error")).toBeNull();
    expect(queryTestId(el, "pay-retry")).toBeNull();
    await vi.advanceTimersByTimeAsync(CHECK_OUTCOME_MS);
    expect(bookCylinder).toHaveBeenCalledTimes(2);
    expect(queryTestId(el, "pay-error")).toBeNull();
    await vi.advanceTimersByTimeAsync(CHECK_OUTCOME_MS * 2);
    await settle();
    expect(bookCylinder).toHaveBeenCalledTimes(4);
    expect(go.receipt).toHaveBeenCalledWith(receipt(), true);
    const keys = bookCylinder.mock.calls.map((call: unknown[]) => call[2]);
    expect(new Set(keys).size).toBe(1);
  });

  it("stops checking on a settled answer after a server error, and never asks again", async () => {
    vi.useFakeTimers();
    const message = "The payment did not go through. You have not been charged and nothing was booked.";
    const bookCylinder = vi
      .fn()
      .mockRejectedValueOnce(new ApiError("Internal", "Something went wrong at the office."))
      .mockRejectedValueOnce(new ApiError("PaymentFailed", message));
    const { ctx, go } = customerContext({ bookCylinder });
    const el = mount(paymentScreen(ctx, choice()).el);
    byTestId(el, "pay-button").click();
    await settle();
    expect(queryTestId(el, "pay-unknown")).not.toBeNull();
    await vi.advanceTimersByTimeAsync(CHECK_OUTCOME_MS);
    await settle();
    expect(byTestId(el, "pay-error").dataset["code"]).toBe("PaymentFailed");
    expect(byTestId(el, "pay-error-message").textContent).toBe(message);
    expect(queryTestId(el, "pay-unknown")).toBeNull();
    await vi.advanceTimersByTimeAsync(CHECK_OUTCOME_MS * 3);
    expect(bookCylinder).toHaveBeenCalledTimes(2);
    expect(go.receipt).not.toHaveBeenCalled();
  });

  it("a retry the office finds nothing under (NotLoggedIn) ends the checking: nothing was charged", async () => {
    vi.useFakeTimers();
    const bookCylinder = vi.fn().mockRejectedValueOnce(unknown()).mockRejectedValueOnce(new ApiError("NotLoggedIn", "Please log in."));
    const { ctx, go } = customerContext({ bookCylinder });
    const el = mount(paymentScreen(ctx, choice()).el);
    byTestId(el, "pay-button").click();
    await settle();
    await vi.advanceTimersByTimeAsync(CHECK_OUTCOME_MS);
    await settle();
    expect(queryTestId(el, "pay-unknown")).toBeNull();
    await vi.advanceTimersByTimeAsync(CHECK_OUTCOME_MS * 3);
    expect(bookCylinder).toHaveBeenCalledTimes(2);
    expect(go.receipt).not.toHaveBeenCalled();
  });

  it("a new press of Pay after a settled failure is a new booking with a new key", async () => {
    const bookCylinder = vi.fn().mockRejectedValueOnce(new ApiError("OfficeOffline", "The office PC cannot be reached.")).mockResolvedValueOnce(receipt());
    const { ctx, go } = customerContext({ bookCylinder });
    const el = mount(paymentScreen(ctx, choice()).el);
    byTestId(el, "pay-button").click();
    await settle();
    expect(byTestId(el, "pay-error").dataset["code"]).toBe("OfficeOffline");
    byTestId(el, "pay-retry").click();
    await settle();
    expect(go.receipt).toHaveBeenCalledOnce();
    expect(bookCylinder.mock.calls[0]?.[2]).not.toBe(bookCylinder.mock.calls[1]?.[2]);
  });

  it("stops asking once the customer has left the screen", async () => {
    vi.useFakeTimers();
    const bookCylinder = vi.fn(() => Promise.reject(unknown()));
    const { ctx, go } = customerContext({ bookCylinder });
    const screen = paymentScreen(ctx, choice());
    mount(screen.el);
    byTestId(screen.el, "pay-button").click();
    await settle();
    screen.dispose?.();
    await vi.advanceTimersByTimeAsync(CHECK_OUTCOME_MS * 3);
    expect(bookCylinder).toHaveBeenCalledTimes(2);
    expect(go.receipt).not.toHaveBeenCalled();
  });
});

describe("while the office is offline (kiosk PC)", () => {
  it("a booking cannot be started, and can again by itself when the office is back", async () => {
    const office = fakeLink(false);
    const bookCylinder = vi.fn(() => Promise.resolve(receipt()));
    const { ctx } = customerContext({ bookCylinder, customerHome: () => Promise.resolve(customerHome()) }, { link: office.link });
    const confirm = mount(confirmScreen(ctx, 1).el);
    await settle();
    expect(byTestId<HTMLButtonElement>(confirm, "confirm-continue").disabled).toBe(true);
    office.set(true);
    expect(byTestId<HTMLButtonElement>(confirm, "confirm-continue").disabled).toBe(false);

    office.set(false);
    const el = mount(paymentScreen(ctx, choice()).el);
    const pay = byTestId<HTMLButtonElement>(el, "pay-button");
    expect(pay.disabled).toBe(true);
    pay.click();
    expect(bookCylinder).not.toHaveBeenCalled();
    office.set(true);
    expect(pay.disabled).toBe(false);
    pay.click();
    expect(bookCylinder).toHaveBeenCalledOnce();
  });
});
