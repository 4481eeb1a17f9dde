// Booking: step 1 confirms the price and which cylinder goes back; step 2 is the payment
// sheet (the Razorpay mock). Paying calls `bookCylinder`, which reserves, charges and
// confirms in Rust; the receipt follows. Out of stock and a failed payment say nothing was
// charged (the backend's own words).
import { ApiError } from "../../api/error";
import type { CustomerHome } from "../../gen/CustomerHome";
import type { Screen } from "../../lib/screen";
import { h } from "../../lib/dom";
import { formatRupees } from "../../lib/format";
import { button, detail, spinner, withBusy } from "../../lib/ui";
import { customerFrame, errorMessage, loadInto } from "./common";
import type { CustomerContext } from "./context";

export function confirmScreen(ctx: CustomerContext): Screen {
  const body = h("div", { class: "booking" });
  loadInto(
    body,
    () => ctx.backend.customerHome(),
    (home) => {
      const held = home.cylinder;
      const exchange = h(
        "div",
        { class: "booking__exchange" },
        h(
          "div",
          { class: "exchange exchange--give", attrs: { "data-testid": "confirm-return" } },
          h("p", { class: "exchange__label" }, "You hand back (empty)"),
          held === null
            ? h("p", { class: "exchange__value exchange__value--none", attrs: { "data-testid": "confirm-returned" } }, "Nothing — this is your first cylinder")
            : h("p", { class: "exchange__value", attrs: { "data-testid": "confirm-returned" } }, held.cylinder_code),
        ),
        h("span", { class: "exchange__arrow", attrs: { "aria-hidden": "true" } }, "→"),
        h(
          "div",
          { class: "exchange exchange--get" },
          h("p", { class: "exchange__label" }, "You receive"),
          h("p", { class: "exchange__value" }, "A filled cylinder"),
          h("p", { class: "muted" }, "The oldest filled one in stock; its ID is on your receipt."),
        ),
      );
      body.append(
        h(
          "div",
          { class: "card booking__summary" },
          h("p", { class: "booking__price-label" }, "Price of a refill"),
          h("p", { class: "booking__price", attrs: { "data-testid": "confirm-price" } }, formatRupees(home.price)),
          exchange,
        ),
        h(
          "div",
          { class: "screen__actions" },
          button("Cancel", () => ctx.go.home(), { variant: "ghost", size: "lg", testid: "confirm-back" }),
          button(`Continue to payment`, () => ctx.go.pay(home), { variant: "primary", size: "lg", testid: "confirm-continue" }),
        ),
      );
      body.querySelector<HTMLElement>('[data-testid="confirm-continue"]')?.focus();
    },
  );
  return { title: "Book a cylinder", el: customerFrame(ctx, "Book a cylinder", "confirm", body, { lead: "Check the price, then pay." }) };
}

/** The payment failures a customer can act on, with the backend's message. */
function failurePanel(ctx: CustomerContext, error: unknown, retry: () => void): HTMLElement {
  const code = error instanceof ApiError ? error.code : "Unreachable";
  const title =
    code === "OutOfStock" ? "No filled cylinders right now" : code === "PaymentFailed" ? "Payment not completed" : "The booking did not go through";
  const actions = h("div", { class: "screen__actions" });
  if (code === "PaymentFailed" || code === "Busy" || code === "Conflict" || code === "Unreachable") {
    actions.append(button("Try again", retry, { variant: "primary", size: "lg", testid: "pay-retry" }));
  }
  actions.append(button("Back to home", () => ctx.go.home(), { size: "lg", testid: "pay-home" }));
  return h(
    "div",
    { class: `pay-failure pay-failure--${code.toLowerCase()}`, attrs: { role: "alert", "data-testid": "pay-error", "data-code": code } },
    h("h2", { class: "pay-failure__title" }, title),
    h("p", { class: "pay-failure__message", attrs: { "data-testid": "pay-error-message" } }, errorMessage(error)),
    actions,
  );
}

export function paymentScreen(ctx: CustomerContext, home: CustomerHome): Screen {
  const amount = formatRupees(home.price);
  const payButton = button(`Pay ${amount}`, null, { variant: "primary", size: "lg", testid: "pay-button", class: "paysheet__pay" });
  const cancelButton = button("Cancel", () => ctx.go.home(), { variant: "ghost", testid: "pay-cancel" });
  const status = h("div", { class: "paysheet__status", attrs: { "aria-live": "polite" } });
  const outcome = h("div", { class: "paysheet__outcome" });
  const failing = ctx.gateway === "failing";

  const sheet = h(
    "div",
    { class: "paysheet", attrs: { role: "group", "aria-labelledby": "paysheet-title", "data-testid": "paysheet" } },
    h(
      "div",
      { class: "paysheet__brand" },
      h("span", { class: "paysheet__logo", attrs: { "aria-hidden": "true" } }, "₹"),
      h("div", {}, h("p", { class: "paysheet__merchant", id: "paysheet-title" }, ctx.settings.agency_name), h("p", { class: "paysheet__via" }, "Secure payment via Razorpay")),
      h("span", { class: "paysheet__mode" }, failing ? "Test: declines" : "Test mode"),
    ),
    h(
      "div",
      { class: "paysheet__body" },
      h("p", { class: "paysheet__label" }, "Amount to pay"),
      h("p", { class: "paysheet__amount", attrs: { "data-testid": "pay-amount" } }, amount),
      h(
        "dl",
        { class: "details details--compact" },
        detail("For", "LPG cylinder refill"),
        detail("Returning", home.cylinder === null ? "—" : home.cylinder.cylinder_code),
      ),
      status,
      payButton,
      cancelButton,
    ),
  );

  const pay = (): void => {
    outcome.replaceChildren();
    sheet.hidden = false;
    cancelButton.disabled = true;
    status.replaceChildren(
      h("p", { class: "paysheet__processing", attrs: { role: "status", "data-testid": "pay-busy" } }, spinner(), "Processing your payment… please wait, do not close this window."),
    );
    sheet.setAttribute("aria-busy", "true");
    // The amount on this sheet travels with the booking: if staff changed the price since,
    // the backend refuses (Conflict) and charges nothing.
    void withBusy(payButton, "Processing…", () => ctx.backend.bookCylinder(home.price, crypto.randomUUID())).then(
      (receipt) => ctx.go.receipt(receipt, true),
      (error: unknown) => {
        sheet.removeAttribute("aria-busy");
        status.replaceChildren();
        cancelButton.disabled = false;
        const code = error instanceof ApiError ? error.code : "Unreachable";
        if (code === "NotLoggedIn") return;
        sheet.hidden = true;
        const panel = failurePanel(ctx, error, code === "Conflict" ? retryAfterConflict : pay);
        outcome.replaceChildren(panel);
        panel.querySelector<HTMLButtonElement>("button")?.focus();
      },
    );
  };
  // A Conflict may mean staff changed the price: a new price gets a new sheet for the
  // customer to confirm, never a charge of an amount they were not shown.
  const retryAfterConflict = (): void => {
    void ctx.backend.customerHome().then(
      (fresh) => (fresh.price === home.price ? pay() : ctx.go.pay(fresh)),
      () => pay(),
    );
  };
  payButton.addEventListener("click", pay);

  const body = h("div", { class: "payment" }, sheet, outcome);
  return {
    title: "Payment",
    el: customerFrame(ctx, "Payment", "payment", body, { back: false, lead: "Pay to confirm your booking. You are charged only if a cylinder is yours." }),
    focus: payButton,
  };
}
