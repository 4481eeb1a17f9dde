// Pieces the customer screens share: the screen frame with its back link, load-with-retry,
// and loading one page of a list that way.
import { ApiError } from "../../api/error";
import { t } from "../../i18n";
import { customerErrorText } from "../../i18n/errors";
import type { Page } from "../../gen/Page";
import type { PageRequest } from "../../gen/PageRequest";
import { h } from "../../lib/dom";
import { loaded, pageRequest, stepBackIfEmpty, type Paging } from "../../lib/paging";
import { button, loadingLine, screenHeading } from "../../lib/ui";
import type { CustomerContext } from "./context";

/** A customer screen: heading, optional "← Home" link, and a body. */
export function customerFrame(
  ctx: CustomerContext,
  title: string,
  testid: string,
  body: HTMLElement,
  opts: { back?: boolean; lead?: string } = {},
): HTMLElement {
  const head = h("div", { class: "screen__head" });
  if (opts.back !== false) {
    head.append(button(t("common.backHome"), () => ctx.go.home(), { variant: "ghost", testid: "back-home", class: "screen__back" }));
  }
  head.append(screenHeading(title));
  const section = h("section", { class: "screen", attrs: { "data-testid": testid } }, head);
  if (opts.lead !== undefined) section.append(h("p", { class: "screen__lead" }, opts.lead));
  section.append(body);
  return section;
}

/** The head of a `.list__item`: its title, a reference in grey after it, and a status badge. */
export function listHead(title: string, reference: string, status: HTMLElement): HTMLElement {
  // The separator is layout, not words: catalog lines never start with a space or a dot.
  return h("div", { class: "list__head" }, h("h2", { class: "list__title" }, title, h("span", { class: "list__ref" }, reference === "" ? "" : `${SEPARATOR}${reference}`)), status);
}

/** Between the parts of one line of a list (` · No. 12`). */
export const SEPARATOR = " · ";


/**
 * Fills `slot` with a loading line, runs `load`, then `render`s the result into it. On
 * failure the slot shows the message with a Try again button (except when the session ended:
 * the shell has already moved on).
 */
export function loadInto<T>(slot: HTMLElement, load: () => Promise<T>, render: (value: T) => void, what = t("common.loading")): void {
  slot.replaceChildren(loadingLine(what));
  slot.setAttribute("aria-busy", "true");
  load().then(
    (value) => {
      slot.removeAttribute("aria-busy");
      slot.replaceChildren();
      render(value);
    },
    (error: unknown) => {
      slot.removeAttribute("aria-busy");
      if (error instanceof ApiError && error.code === "NotLoggedIn") return;
      slot.replaceChildren(
        h(
          "div",
          { class: "message message--error load-error", attrs: { role: "alert", "data-testid": "load-error" } },
          h("p", {}, customerErrorText(error)),
          button(t("common.tryAgain"), () => loadInto(slot, load, render, what), { testid: "load-retry" }),
        ),
      );
    },
  );
}

/**
 * Loads the page `to` into `slot` as `loadInto` does (nothing when there is no such page), then
 * `show`s it with the paging state it leaves. A later page that came back empty (its rows went
 * away, e.g. after a cancel) shows the page before it instead.
 */
export function loadPageInto<T>(
  slot: HTMLElement,
  to: Paging | null,
  fetch: (request: PageRequest) => Promise<Page<T>>,
  show: (page: Page<T>, state: Paging) => void,
): void {
  if (to === null) return;
  loadInto(
    slot,
    () => fetch(pageRequest(to)),
    (page) => {
      const back = stepBackIfEmpty(to, page);
      if (back !== null) loadPageInto(slot, back, fetch, show);
      else show(page, loaded(to, page));
    },
  );
}
