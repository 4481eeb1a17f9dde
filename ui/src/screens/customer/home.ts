// Customer home: greeting with the consumer number, one card per connection (its type, how many
// it holds of how many, the price, refills left this year, and a big "Book … refill" button or,
// when the refill rules say not yet, the reason and the date it can be booked), the cylinders
// they hold, and the big buttons for everything else.
import type { Connection } from "../../gen/Connection";
import type { CustomerHome } from "../../gen/CustomerHome";
import type { DatabaseHealth } from "../../gen/DatabaseHealth";
import type { HeldCylinder } from "../../gen/HeldCylinder";
import type { Screen } from "../../lib/screen";
import { h } from "../../lib/dom";
import { formatRupees } from "../../lib/format";
import { t } from "../../i18n";
import { tNodes } from "../../i18n/nodes";
import { formatDateTime } from "../../lib/time";
import { icon, type IconName } from "../../lib/icons";
import { badge, button, screenHeading } from "../../lib/ui";
import { loadInto } from "./common";
import { holdingWords, longDay, refillBlockedWords, refillsLeftWords } from "./connection";
import type { CustomerContext } from "./context";

function greeting(now: Date, name: string): string {
  const hour = now.getHours();
  if (hour < 12) return t("home.greetingMorning", { name });
  if (hour < 17) return t("home.greetingAfternoon", { name });
  return t("home.greetingEvening", { name });
}

function heldRow(held: HeldCylinder): HTMLElement {
  return h(
    "li",
    { class: "held__item" },
    h(
      "p",
      { class: "cylinder-card__row" },
      h("span", { class: "cylinder-card__id", attrs: { "data-testid": "home-cylinder-id" } }, held.cylinder_code),
      badge(t("home.assigned"), { kind: "assigned" }),
    ),
    h("p", { class: "held__type", attrs: { "data-testid": "home-cylinder-type" } }, held.type_name),
    h("p", { class: "muted", attrs: { "data-testid": "home-cylinder-since" } }, t("home.withYouSince", { date: formatDateTime(held.since) })),
  );
}

/** Every cylinder they hold, oldest first. */
function cylindersCard(home: CustomerHome): HTMLElement {
  if (home.cylinders.length === 0) {
    return h(
      "div",
      { class: "card cylinder-card cylinder-card--none", attrs: { "data-testid": "home-no-cylinder" } },
      h("h2", { class: "card__title" }, t("home.myCylinders")),
      h("p", { class: "cylinder-card__big" }, t("home.noCylinder")),
      h("p", { class: "muted" }, t("home.noCylinderHint")),
    );
  }
  return h(
    "div",
    { class: "card cylinder-card", attrs: { "data-testid": "home-cylinder" } },
    h("h2", { class: "card__title" }, home.cylinders.length === 1 ? t("home.myCylinder") : t("home.myCylindersCount", { count: home.cylinders.length })),
    h("ul", { class: "held" }, ...home.cylinders.map(heldRow)),
  );
}

/**
 * One connection: what it is and holds, and either its Book button or why it cannot be
 * refilled yet (in the chosen language, from its typed reason) and from when. `book` is null when it cannot be booked.
 */
function connectionCard(c: Connection, onBook: (typeId: number) => void): { el: HTMLElement; book: HTMLButtonElement | null } {
  const id = String(c.type_id);
  const el = h(
    "article",
    { class: "card connection", attrs: { "data-testid": `connection-${id}`, "aria-labelledby": `connection-${id}-title` } },
    h("h2", { class: "connection__type", id: `connection-${id}-title` }, c.type_name),
    h("p", { class: "connection__holding", attrs: { "data-testid": `connection-${id}-holding` } }, holdingWords(c)),
    h(
      "p",
      { class: "connection__price" },
      h("span", { class: "connection__amount", attrs: { "data-testid": `connection-${id}-price` } }, formatRupees(c.price)),
      h("span", { class: "muted connection__price-note" }, t("home.priceSuffix")),
    ),
    h("p", { class: "muted", attrs: { "data-testid": `connection-${id}-left` } }, refillsLeftWords(c)),
  );
  if (!c.type_active) {
    el.append(h("p", { class: "message message--info", attrs: { "data-testid": `connection-${id}-inactive` } }, t("error.typeNotSold", { type: c.type_name })));
    return { el, book: null };
  }
  if (c.refill_blocked !== null) {
    // The date first, big: it is what the customer came to find out; the reason follows.
    const blocked = h("div", { class: "message message--info connection__blocked", attrs: { role: "status", "data-testid": `connection-${id}-blocked` } });
    if (c.next_refill_from !== null) {
      blocked.append(
        h("p", { class: "connection__next" }, ...tNodes("home.nextRefillFrom", { date: h("strong", { attrs: { "data-testid": `connection-${id}-next` } }, longDay(c.next_refill_from)) })),
      );
    }
    blocked.append(h("p", { class: "connection__why" }, refillBlockedWords(c)));
    el.append(blocked);
    return { el, book: null };
  }
  const book = button([icon("cylinder", "icon"), t("home.book", { type: c.type_name })], () => onBook(c.type_id), {
    variant: "primary",
    size: "lg",
    testid: `home-book-${id}`,
    class: "btn--block connection__book",
  });
  el.append(book);
  return { el, book };
}

function bigAction(label: string, detail: string, glyph: IconName, testid: string, onClick: () => void): HTMLButtonElement {
  return button(
    [icon(glyph, "icon action__icon"), h("span", { class: "action__label" }, label), h("span", { class: "action__detail" }, detail)],
    onClick,
    { variant: "secondary", size: "lg", testid, class: "action" },
  );
}

export function homeScreen(ctx: CustomerContext): Screen {
  const heading = screenHeading(t("welcome.title"), "home-greeting");
  const consumer = h("p", { class: "home__consumer muted", attrs: { "data-testid": "home-consumer-no" } });
  consumer.hidden = true;
  const connectionsSlot = h("div", { class: "home__connections", attrs: { "data-testid": "home-connections" } });
  const cylinderSlot = h("div", { class: "home__cylinder" });
  const complaintsDetail = h("span", { class: "action__detail" }, t("home.complaintsDetail"));
  const complaintsButton = button(
    [icon("clipboard", "icon action__icon"), h("span", { class: "action__label" }, t("home.complaints")), complaintsDetail],
    () => ctx.go.complaints(),
    { size: "lg", testid: "home-complaints", class: "action" },
  );
  const actions = h(
    "div",
    { class: "home__actions" },
    bigAction(t("home.report"), t("home.reportDetail"), "alert", "home-report", () => ctx.go.report()),
    complaintsButton,
    bigAction(t("home.bookings"), t("home.bookingsDetail"), "receipt", "home-bookings", () => ctx.go.history()),
  );

  // Booking pauses while the records are damaged or (kiosk PCs) the office cannot be reached.
  const offlineLine = h(
    "p",
    { class: "message message--warning home__paused", attrs: { role: "status", "data-testid": "home-book-offline" } },
    t("home.offline"),
  );
  const pausedSlot = h("div", { class: "home__pauses" }, offlineLine);
  let bookButtons: HTMLButtonElement[] = [];
  let damaged = false;
  const showBookable = (): void => {
    for (const book of bookButtons) book.disabled = damaged || !ctx.link.online;
    offlineLine.hidden = ctx.link.online;
  };
  showBookable();
  const unsubscribe = ctx.link.subscribe(showBookable);

  loadInto(
    connectionsSlot,
    () => ctx.backend.customerHome(),
    (home) => {
      const name = home.customer.full_name.trim() === "" ? home.customer.username : home.customer.full_name;
      heading.textContent = greeting(new Date(), name);
      consumer.textContent = t("home.consumerNo", { number: home.customer.consumer_no });
      consumer.hidden = home.customer.consumer_no === "";
      const cards = home.connections.map((c) => connectionCard(c, (typeId) => ctx.go.book(typeId)));
      bookButtons = cards.flatMap((card) => (card.book === null ? [] : [card.book]));
      connectionsSlot.replaceChildren(
        ...(cards.length === 0
          ? [h("p", { class: "message message--info", attrs: { "data-testid": "home-no-connection" } }, t("home.noConnection"))]
          : cards.map((card) => card.el)),
      );
      cylinderSlot.replaceChildren(cylindersCard(home));
      const open = Number(home.pending_complaints);
      complaintsDetail.textContent = open === 0 ? t("home.complaintsDetail") : t("home.complaintsOpen", { count: open });
      showBookable();
    },
  );

  void ctx.backend.databaseHealth().then(
    (health) => {
      damaged = pauseBookingIfDamaged(pausedSlot, health);
      showBookable();
    },
    // The check is extra: if it cannot be asked, booking itself still refuses while paused.
    () => undefined,
  );

  const el = h(
    "section",
    { class: "screen home", attrs: { "data-testid": "home" } },
    h("div", { class: "screen__head" }, heading, consumer),
    h("div", { class: "home__grid" }, h("div", { class: "home__main" }, pausedSlot, connectionsSlot, cylinderSlot), actions),
  );
  return { title: t("home.title"), el, dispose: unsubscribe };
}

/** A damaged database pauses bookings (the backend refuses them too): the buttons are disabled
 * and a plain line above them says why, without the details meant for staff. */
function pauseBookingIfDamaged(slot: HTMLElement, health: DatabaseHealth): boolean {
  if (!health.damaged) return false;
  slot.append(
    h(
      "p",
      { class: "message message--warning home__paused", attrs: { role: "status", "data-testid": "home-book-paused" } },
      t("home.paused"),
    ),
  );
  return true;
}
