// My bookings and my payments: two tabs, each a list loaded one page at a time.
import type { Booking } from "../../gen/Booking";
import type { Payment } from "../../gen/Payment";
import type { Page } from "../../gen/Page";
import type { PageRequest } from "../../gen/PageRequest";
import type { Screen } from "../../lib/screen";
import { h } from "../../lib/dom";
import { formatRupees } from "../../lib/format";
import { canGoBack, canGoOn, firstPage, next, pageNumber, previous, rowRange, type Paging } from "../../lib/paging";
import { pager } from "../../lib/pager";
import { formatDateTime } from "../../lib/time";
import { badge, button, detail, withBusy } from "../../lib/ui";
import { messageLine } from "../../lib/form";
import { t } from "../../i18n";
import { customerErrorText } from "../../i18n/errors";
import { customerFrame, listHead, loadPageInto } from "./common";
import type { CustomerContext } from "./context";

export const HISTORY_PAGE_SIZE = 5;

/** A paged list in `slot`; `row` renders one item. */
function pagedList<T>(
  prefix: string,
  fetch: (page: PageRequest) => Promise<Page<T>>,
  row: (item: T) => HTMLElement,
  empty: string,
): HTMLElement {
  let paging: Paging = firstPage(HISTORY_PAGE_SIZE);
  const slot = h("div", { class: "history__slot" });
  const list = h("ul", { class: "list", attrs: { "data-testid": `${prefix}-list` } });
  const nav = pager(prefix, () => go(previous(paging)), () => go(next(paging)));
  const go = (to: Paging | null): void =>
    loadPageInto(slot, to, fetch, (page, state) => {
      paging = state;
      if (page.items.length === 0) {
        slot.replaceChildren(h("p", { class: "empty", attrs: { "data-testid": `${prefix}-empty` } }, empty));
        return;
      }
      list.replaceChildren(...page.items.map(row));
      slot.replaceChildren(list, nav.el);
      nav.update({ canBack: canGoBack(paging), canOn: canGoOn(paging), label: t("common.pageRows", { page: pageNumber(paging), rows: rowRange(paging) }) });
    });
  go(paging);
  return slot;
}

function bookingRow(ctx: CustomerContext, b: Booking): HTMLElement {
  const id = String(b.id);
  const li = h(
    "li",
    { class: "list__item", attrs: { "data-testid": `booking-item-${id}` } },
    listHead(b.reference, b.source === "Manual" ? t("history.atCounter") : "", badge(t(`status.${b.status}`), { kind: b.status, testid: `booking-status-${id}` })),
    h("p", { class: "list__meta" }, formatDateTime(b.booking_date)),
    h(
      "dl",
      { class: "details details--inline" },
      detail(t("history.cylinder"), b.cylinder_code, `booking-cylinder-${id}`),
      detail(t("history.returned"), b.returned_cylinder_code ?? "—"),
      detail(t("history.amount"), formatRupees(b.amount)),
      detail(t("common.payment"), b.payment_status === null ? "—" : badge(t(`status.${b.payment_status}`), { kind: b.payment_status })),
    ),
  );
  if (b.note.trim() !== "") li.append(h("p", { class: "list__meta" }, b.note));
  if (b.refund === "Pending" || b.refund === "Failed") {
    li.append(h("p", { class: "list__meta list__meta--bad", attrs: { "data-testid": `booking-refund-${id}` } }, t("history.bookingRefund", { amount: formatRupees(b.amount) })));
  }
  if (b.status === "Completed") {
    const line = messageLine(`booking-receipt-error-${id}`);
    // The sale's tax invoice (or, for a booking from before invoices, its receipt).
    const show = button(t("history.viewInvoice"), null, { testid: `booking-receipt-${id}` });
    show.addEventListener("click", () => {
      line.show(null);
      void withBusy(show, t("history.opening"), async () => {
        try {
          ctx.go.receipt(await ctx.backend.myReceipt(Number(b.id)), false);
        } catch (error) {
          line.show(customerErrorText(error));
        }
      });
    });
    li.append(h("div", { class: "list__actions" }, show), line.el);
  }
  return li;
}

function paymentRow(p: Payment): HTMLElement {
  const id = String(p.id);
  const li = h(
    "li",
    { class: "list__item", attrs: { "data-testid": `payment-item-${id}` } },
    listHead(formatRupees(p.amount), ` · ${p.booking_reference}`, badge(t(`status.${p.status}`), { kind: p.status, testid: `payment-status-${id}` })),
    h("p", { class: "list__meta" }, `${formatDateTime(p.payment_date)} · ${p.method === "Gateway" ? t("history.online") : t("history.cash")}`),
    h("p", { class: "list__meta mono" }, p.reference === "" ? "—" : p.reference),
  );
  if (p.refund === "Pending" || p.refund === "Failed") {
    // The money was taken and is on its way back: never "Not charged", never "refunded" yet.
    li.append(
      h("p", { class: "list__meta list__meta--bad", attrs: { "data-testid": `payment-refund-${id}` } }, t("history.paymentRefund", { amount: formatRupees(p.amount) })),
    );
  } else if (p.status === "Failed" && p.failure_reason !== null && p.failure_reason.trim() !== "") {
    // Not "not charged": an unreachable gateway may still complete a charge, which is then refunded.
    // The reason is the gateway's own English: the customer reads the plain fact in their language.
    li.append(h("p", { class: "list__meta list__meta--bad" }, t("history.paymentFailed")));
  }
  return li;
}

export function historyScreen(ctx: CustomerContext, tab: "bookings" | "payments" = "bookings"): Screen {
  const panel = h("div", { class: "tabs__panel", attrs: { role: "tabpanel", id: "history-panel", tabindex: "-1" } });
  const tabs: Record<"bookings" | "payments", HTMLButtonElement> = {
    bookings: button(t("history.bookingsTab"), () => select("bookings"), { testid: "bookings-tab", class: "tabs__tab", attrs: { role: "tab", "aria-controls": "history-panel" } }),
    payments: button(t("history.paymentsTab"), () => select("payments"), { testid: "payments-tab", class: "tabs__tab", attrs: { role: "tab", "aria-controls": "history-panel" } }),
  };
  const select = (which: "bookings" | "payments"): void => {
    for (const [name, el] of Object.entries(tabs)) {
      el.setAttribute("aria-selected", String(name === which));
      el.tabIndex = name === which ? 0 : -1;
    }
    panel.replaceChildren(
      which === "bookings"
        ? pagedList("bookings", (page) => ctx.backend.myBookings(page), (b) => bookingRow(ctx, b), t("history.noBookings"))
        : pagedList("payments", (page) => ctx.backend.myPayments(page), paymentRow, t("history.noPayments")),
    );
  };
  const tablist = h("div", { class: "tabs", attrs: { role: "tablist", "aria-label": t("history.tabs") } }, tabs.bookings, tabs.payments);
  // Arrow keys move between tabs, as in any tab list.
  tablist.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const next = document.activeElement === tabs.bookings ? "payments" : "bookings";
    select(next);
    tabs[next].focus();
    event.preventDefault();
  });
  select(tab);
  return { title: t("history.bookingsTab"), el: customerFrame(ctx, t("history.heading"), "history", h("div", { class: "history" }, tablist, panel)) };
}
