// Booking, per connection: step 1 confirms the type, its GST-inclusive price and whether an
// empty goes back (only when they already hold as many as the connection allows); step 2 is
// the payment sheet (the Razorpay mock). Paying calls `bookCylinder` with the connection's
// type, which checks the refill rules, reserves, charges and confirms in Rust; the invoice
// follows. A refill the rules refuse, out of stock and a failed payment say nothing was
// charged (the catalog's words for the error's code and reason, in the chosen language).
// On a kiosk PC the booking goes to the office over the LAN, and its answer can be lost after
// the office took the money. Each press of Pay has one idempotency key; when the outcome is
// unknown the screen says so ("do not pay again") and asks again with the same key until the
// office settles it, so nobody is charged twice and nothing is ever called "failed" unheard.
import { ApiError } from "../../api/error";
import type { Receipt } from "../../gen/Receipt";
import type { Screen } from "../../lib/screen";
import { h } from "../../lib/dom";
import { formatRupees } from "../../lib/format";
import { t } from "../../i18n";
import { button, detail, spinner, withBusy } from "../../lib/ui";
import { customerErrorText } from "../../i18n/errors";
import { customerFrame, loadInto } from "./common";
import { holdingWords, refillBlockedWords, refillChoice, type RefillChoice } from "./connection";
import type { CustomerContext } from "./context";

/** What goes back and what comes, side by side. */
function exchangeView(choice: RefillChoice): HTMLElement {
  const { connection } = choice;
  const give = choice.handsBack
    ? [
        h("p", { class: "exchange__value", attrs: { "data-testid": "confirm-returned" } }, choice.handBackCode ?? t("exchange.oneEmpty")),
        h("p", { class: "muted", attrs: { "data-testid": "confirm-returned-note" } }, t("exchange.handBackNote", { type: connection.type_name })),
      ]
    : [
        h("p", { class: "exchange__value exchange__value--none", attrs: { "data-testid": "confirm-returned" } }, t("exchange.nothingBack")),
        h("p", { class: "muted", attrs: { "data-testid": "confirm-returned-note" } }, t("exchange.oneMore", { holding: holdingWords(connection) })),
      ];
  return h(
    "div",
    { class: "booking__exchange" },
    h("div", { class: "exchange exchange--give", attrs: { "data-testid": "confirm-return" } }, h("p", { class: "exchange__label" }, t("exchange.giveLabel")), ...give),
    h("span", { class: "exchange__arrow", attrs: { "aria-hidden": "true" } }, "→"),
    h(
      "div",
      { class: "exchange exchange--get" },
      h("p", { class: "exchange__label" }, t("exchange.getLabel")),
      h("p", { class: "exchange__value exchange__value--none" }, t("exchange.filled", { type: connection.type_name })),
      h("p", { class: "muted" }, t("exchange.oldest")),
    ),
  );
}

/** The stable code of a failure: an ApiError's, or the UI's own for anything else. */
function codeOf(error: unknown): ApiError["code"] {
  return error instanceof ApiError ? error.code : "Unreachable"; // i18n-ignore: an error code, not text
}

/** Why this connection cannot be booked (the refill rules, or a type no longer sold), or null. */
function refusal(choice: RefillChoice): string | null {
  if (!choice.connection.type_active) return t("error.typeNotSold", { type: choice.connection.type_name });
  return choice.connection.refill_blocked === null ? null : refillBlockedWords(choice.connection);
}

export function confirmScreen(ctx: CustomerContext, typeId: number): Screen {
  const body = h("div", { class: "booking" });
  // Going on to pay needs the office (kiosk PCs): disabled while it is offline.
  let continueButton: HTMLButtonElement | null = null;
  const unsubscribe = ctx.link.subscribe((online) => {
    if (continueButton !== null) continueButton.disabled = !online;
  });
  const cancel = (): HTMLButtonElement => button(t("common.cancel"), () => ctx.go.home(), { variant: "ghost", size: "lg", testid: "confirm-back" });
  loadInto(
    body,
    () => ctx.backend.customerHome(),
    (home) => {
      const choice = refillChoice(home, typeId);
      if (choice === null) {
        body.append(
          h("p", { class: "message message--error", attrs: { role: "alert", "data-testid": "confirm-blocked" } }, t("error.noConnectionOfType")),
          h("div", { class: "screen__actions" }, cancel()),
        );
        return;
      }
      const { connection } = choice;
      const summary = h(
        "div",
        { class: "card booking__summary" },
        h("p", { class: "booking__type", attrs: { "data-testid": "confirm-type" } }, connection.type_name),
        h("p", { class: "booking__price-label" }, t("confirm.priceLabel")),
        h("p", { class: "booking__price", attrs: { "data-testid": "confirm-price" } }, formatRupees(connection.price)),
        exchangeView(choice),
      );
      const why = refusal(choice);
      if (why !== null) {
        // The home card said so already; the rules may have changed since it was drawn.
        body.append(
          summary,
          h(
            "div",
            { class: "message message--info", attrs: { role: "alert", "data-testid": "confirm-blocked" } },
            h("p", {}, why),
            h("p", {}, t("confirm.nothingCharged")),
          ),
          h("div", { class: "screen__actions" }, button(t("common.backToHome"), () => ctx.go.home(), { variant: "primary", size: "lg", testid: "confirm-back" })),
        );
        return;
      }
      const goOn = button(t("confirm.continue"), () => ctx.go.pay(choice), { variant: "primary", size: "lg", testid: "confirm-continue" });
      body.append(summary, h("div", { class: "screen__actions" }, cancel(), goOn));
      goOn.disabled = !ctx.link.online;
      continueButton = goOn;
      goOn.focus();
    },
  );
  return {
    title: t("confirm.title"),
    el: customerFrame(ctx, t("confirm.heading"), "confirm", body, { lead: t("confirm.lead") }),
    dispose: unsubscribe,
  };
}

/** The payment failures a customer can act on, with the catalog's line for the error. */
function failurePanel(ctx: CustomerContext, error: unknown, retry: () => void): HTMLElement {
  const code = codeOf(error);
  const title =
    code === "OutOfStock"
      ? t("pay.failOutOfStock")
      : code === "PaymentFailed"
        ? t("pay.failPayment")
        : code === "OfficeOffline"
          ? t("pay.failOffline")
          : code === "RefillRule"
            ? t("pay.failRefill")
            : t("pay.failOther");
  const actions = h("div", { class: "screen__actions" });
  // OfficeOffline: the booking never left this kiosk, so a new try cannot charge twice.
  if (code === "PaymentFailed" || code === "Busy" || code === "Conflict" || code === "Unreachable" || code === "OfficeOffline") {
    actions.append(button(t("common.tryAgain"), retry, { variant: "primary", size: "lg", testid: "pay-retry" }));
  }
  actions.append(button(t("common.backToHome"), () => ctx.go.home(), { size: "lg", testid: "pay-home" }));
  return h(
    "div",
    { class: `pay-failure pay-failure--${code.toLowerCase()}`, attrs: { role: "alert", "data-testid": "pay-error", "data-code": code } },
    h("h2", { class: "pay-failure__title" }, title),
    h("p", { class: "pay-failure__message", attrs: { "data-testid": "pay-error-message" } }, customerErrorText(error)),
    // The rules are checked before any charge; their message says when, not about the money.
    ...(code === "RefillRule" ? [h("p", { attrs: { "data-testid": "pay-error-uncharged" } }, t("pay.nothingCharged"))] : []),
    actions,
  );
}

/** How long the screen waits between two questions about a booking whose outcome is unknown. */
export const CHECK_OUTCOME_MS = 3_000;

/**
 * The answers that settle a booking: the office decided it (an invoice aside). NotLoggedIn means
 * the office found nothing booked under the key (at a kiosk PC it answers a key it knows even
 * after a restart lost the customer's session); Damaged is bookings paused, refused after the
 * key was looked up. Anything else — a server error, Busy, the office unheard — may hide a
 * charge, so the screen keeps asking with the same key.
 */
function settles(code: string): boolean {
  return (
    code === "OutOfStock" ||
    code === "RefillRule" ||
    code === "PaymentFailed" ||
    code === "Conflict" ||
    code === "Invalid" ||
    code === "Forbidden" ||
    code === "NotLoggedIn" ||
    code === "Damaged"
  );
}

export function paymentScreen(ctx: CustomerContext, choice: RefillChoice): Screen {
  const { connection } = choice;
  const amount = formatRupees(connection.price);
  const payButton = button(t("pay.button", { amount }), null, { variant: "primary", size: "lg", testid: "pay-button", class: "paysheet__pay" });
  const cancelButton = button(t("common.cancel"), () => ctx.go.home(), { variant: "ghost", testid: "pay-cancel" });
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
      h("div", {}, h("p", { class: "paysheet__merchant", id: "paysheet-title" }, ctx.settings.agency_name), h("p", { class: "paysheet__via" }, t("pay.via"))),
      h("span", { class: "paysheet__mode" }, failing ? t("pay.testDeclines") : t("pay.testMode")),
    ),
    h(
      "div",
      { class: "paysheet__body" },
      h("p", { class: "paysheet__label" }, t("pay.amountLabel")),
      h("p", { class: "paysheet__amount", attrs: { "data-testid": "pay-amount" } }, amount),
      h(
        "dl",
        { class: "details details--compact" },
        detail(t("pay.for"), t("pay.forValue", { type: connection.type_name }), "pay-for"),
        detail(t("pay.returning"), choice.handsBack ? (choice.handBackCode ?? t("exchange.oneEmpty")) : "—", "pay-returning"),
      ),
      status,
      payButton,
      cancelButton,
    ),
  );

  let left = false;
  const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  // Books with `key` and, until the office's answer settles it, asks again with the same key.
  const bookSettled = async (key: string): Promise<Receipt> => {
    let unknown = false;
    for (;;) {
      try {
        return await ctx.backend.bookCylinder(connection.type_id, connection.price, key);
      } catch (error) {
        const code = codeOf(error);
        // OfficeOffline before any answer: the kiosk never sent it, so nothing was charged.
        const neverSent = !unknown && code === "OfficeOffline";
        if (left || settles(code) || neverSent) throw error;
        if (!unknown) {
          unknown = true;
          status.replaceChildren(
            h("p", { class: "paysheet__processing paysheet__unknown", attrs: { role: "status", "data-testid": "pay-unknown" } }, spinner(), t("pay.unknown")),
          );
        }
        await wait(CHECK_OUTCOME_MS);
      }
    }
  };

  const pay = (): void => {
    // Starting a booking needs the office; one already asked about carries on regardless.
    if (!ctx.link.online) return;
    outcome.replaceChildren();
    sheet.hidden = false;
    cancelButton.disabled = true;
    status.replaceChildren(
      h("p", { class: "paysheet__processing", attrs: { role: "status", "data-testid": "pay-busy" } }, spinner(), t("pay.processing")),
    );
    sheet.setAttribute("aria-busy", "true");
    // The amount on this sheet travels with the booking: if staff changed the price since,
    // the backend refuses (Conflict) and charges nothing.
    // One key per press of Pay: every question about this booking carries it.
    const key = crypto.randomUUID();
    void withBusy(payButton, t("pay.busy"), () => bookSettled(key)).then(
      (receipt) => {
        if (!left) ctx.go.receipt(receipt, true);
      },
      (error: unknown) => {
        payButton.disabled = !ctx.link.online;
        sheet.removeAttribute("aria-busy");
        status.replaceChildren();
        cancelButton.disabled = false;
        const code = codeOf(error);
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
      (fresh) => {
        const again = refillChoice(fresh, connection.type_id);
        if (again === null || again.connection.price === connection.price) pay();
        else ctx.go.pay(again);
      },
      () => pay(),
    );
  };
  payButton.addEventListener("click", pay);
  payButton.disabled = !ctx.link.online;
  const unsubscribe = ctx.link.subscribe((online) => {
    if (payButton.getAttribute("aria-busy") !== "true") payButton.disabled = !online;
  });

  const body = h("div", { class: "payment" }, sheet, outcome);
  return {
    title: t("common.payment"),
    el: customerFrame(ctx, t("common.payment"), "payment", body, { back: false, lead: t("pay.lead") }),
    focus: payButton,
    dispose: () => {
      left = true;
      unsubscribe();
    },
  };
}
