// Customer home: greeting, "my cylinder" card, and the four big buttons.
import type { CustomerHome } from "../../gen/CustomerHome";
import type { DatabaseHealth } from "../../gen/DatabaseHealth";
import type { Screen } from "../../lib/screen";
import { h } from "../../lib/dom";
import { formatRupees } from "../../lib/format";
import { formatDateTime } from "../../lib/time";
import { icon, type IconName } from "../../lib/icons";
import { badge, button, screenHeading } from "../../lib/ui";
import { loadInto } from "./common";
import type { CustomerContext } from "./context";

function greetingWord(now: Date): string {
  const hour = now.getHours();
  if (hour < 12) return "Good morning";
  if (hour < 17) return "Good afternoon";
  return "Good evening";
}

function cylinderCard(home: CustomerHome): HTMLElement {
  const held = home.cylinder;
  if (held === null) {
    return h(
      "div",
      { class: "card cylinder-card cylinder-card--none", attrs: { "data-testid": "home-no-cylinder" } },
      h("h2", { class: "card__title" }, "My cylinder"),
      h("p", { class: "cylinder-card__big" }, "No cylinder yet"),
      h("p", { class: "muted" }, `Book your first refill: ${formatRupees(home.price)}, paid right here.`),
    );
  }
  return h(
    "div",
    { class: "card cylinder-card", attrs: { "data-testid": "home-cylinder" } },
    h("h2", { class: "card__title" }, "My cylinder"),
    h(
      "p",
      { class: "cylinder-card__row" },
      h("span", { class: "cylinder-card__id", attrs: { "data-testid": "home-cylinder-id" } }, held.cylinder_code),
      badge("Assigned"),
    ),
    h("p", { class: "muted", attrs: { "data-testid": "home-cylinder-since" } }, `With you since ${formatDateTime(held.since)}`),
    h("p", { class: "muted" }, `When it is empty, book a refill: you hand this one back and take a filled one.`),
  );
}

function bigAction(label: string, detail: string, glyph: IconName, testid: string, onClick: () => void, primary = false): HTMLButtonElement {
  return button(
    [icon(glyph, "icon action__icon"), h("span", { class: "action__label" }, label), h("span", { class: "action__detail" }, detail)],
    onClick,
    { variant: primary ? "primary" : "secondary", size: "lg", testid, class: "action" },
  );
}

export function homeScreen(ctx: CustomerContext): Screen {
  const heading = screenHeading("Welcome", "home-greeting");
  const cylinderSlot = h("div", { class: "home__cylinder" });
  const complaintsDetail = h("span", { class: "action__detail" }, "Track or cancel");
  const complaintsButton = button(
    [icon("clipboard", "icon action__icon"), h("span", { class: "action__label" }, "My Complaints"), complaintsDetail],
    () => ctx.go.complaints(),
    { size: "lg", testid: "home-complaints", class: "action" },
  );
  const actions = h(
    "div",
    { class: "home__actions" },
    bigAction("Book Cylinder", `Refill for ${formatRupees(ctx.settings.price)}`, "cylinder", "home-book", () => ctx.go.book(), true),
    bigAction("Report Issue", "Gas leak, billing, regulator…", "alert", "home-report", () => ctx.go.report()),
    complaintsButton,
    bigAction("My Bookings", "Bookings, payments, receipts", "receipt", "home-bookings", () => ctx.go.history()),
  );

  // Booking pauses while the records are damaged or (kiosk PCs) the office cannot be reached.
  const book = actions.querySelector<HTMLButtonElement>('[data-testid="home-book"]');
  const offlineLine = h(
    "p",
    { class: "message message--warning home__paused", attrs: { role: "status", "data-testid": "home-book-offline" } },
    "Bookings are paused until the office PC can be reached again.",
  );
  let damaged = false;
  const showBookable = (): void => {
    if (book !== null) book.disabled = damaged || !ctx.link.online;
    offlineLine.hidden = ctx.link.online;
  };
  actions.prepend(offlineLine);
  showBookable();
  const unsubscribe = ctx.link.subscribe(showBookable);

  loadInto(
    cylinderSlot,
    () => ctx.backend.customerHome(),
    (home) => {
      const name = home.customer.full_name.trim() === "" ? home.customer.username : home.customer.full_name;
      heading.textContent = `${greetingWord(new Date())}, ${name}`;
      cylinderSlot.replaceChildren(cylinderCard(home));
      const open = Number(home.pending_complaints);
      complaintsDetail.textContent = open === 0 ? "Track or cancel" : `${open} open`;
      bookLabel(actions, home);
    },
  );

  void ctx.backend.databaseHealth().then(
    (health) => {
      damaged = pauseBookingIfDamaged(actions, health);
      showBookable();
    },
    // The check is extra: if it cannot be asked, booking itself still refuses while paused.
    () => undefined,
  );

  const el = h(
    "section",
    { class: "screen home", attrs: { "data-testid": "home" } },
    h("div", { class: "screen__head" }, heading),
    h("div", { class: "home__grid" }, cylinderSlot, actions),
  );
  return { title: "Home", el, dispose: unsubscribe };
}

/** A damaged database pauses bookings (the backend refuses them too): the button is disabled
 * and a plain line above the buttons says why, without the details meant for staff. */
function pauseBookingIfDamaged(actions: HTMLElement, health: DatabaseHealth): boolean {
  if (!health.damaged) return false;
  actions.prepend(
    h(
      "p",
      { class: "message message--warning home__paused", attrs: { role: "status", "data-testid": "home-book-paused" } },
      "Bookings are paused: the agency's records need attention. Please ask the staff.",
    ),
  );
  return true;
}

/** Once the price is known from the backend, show that one (settings may have changed). */
function bookLabel(actions: HTMLElement, home: CustomerHome): void {
  const detail = actions.querySelector('[data-testid="home-book"] .action__detail');
  if (detail !== null) detail.textContent = `Refill for ${formatRupees(home.price)}`;
}
