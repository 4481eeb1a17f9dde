// The pager (`.pager`: Previous / a label / Next), `PagedList`, which drives one over a list
// the backend hands out a page at a time (state and rules in paging.ts), and `pagedTable`, a
// PagedList shown as a table of records.
import { type ApiError, toApiError } from "../api/error";
import type { Page } from "../gen/Page";
import type { PageRequest } from "../gen/PageRequest";
import { h } from "./dom";
import { t } from "../i18n";
import type { Notice } from "./form";
import * as paging from "./paging";
import { emptyRow, table } from "./table";
import { button, debounce } from "./ui";

export interface Pager {
  el: HTMLElement;
  update(state: { canBack: boolean; canOn: boolean; label: string }): void;
}

export interface PagerOptions {
  /** The label's data-testid (default `<prefix>-page`). */
  labelTestid?: string;
  /** Extra class on the pager and its label's class, e.g. `admin-pager`. */
  class?: string;
  labelClass?: string;
  /** Hide the pager when there is no other page to go to (default true). */
  hideWhenAlone?: boolean;
  /** The buttons' and the nav's words (customer screens pass the chosen language's). */
  words?: { previous: string; next: string; pages: string };
}

/** A `.pager`: `<prefix>-prev`, the label, `<prefix>-next`. */
export function pager(prefix: string, onPrevious: () => void, onNext: () => void, opts: PagerOptions = {}): Pager {
  // The current language's words (the admin area runs in English, so staff tables get English).
  const words = opts.words ?? { previous: t("common.previous"), next: t("common.next"), pages: t("common.pages") };
  const prev = button(words.previous, () => onPrevious(), { testid: `${prefix}-prev` });
  const next = button(words.next, () => onNext(), { testid: `${prefix}-next` });
  const label = h("span", {
    class: opts.labelClass === undefined ? "pager__label" : `pager__label ${opts.labelClass}`,
    attrs: { "data-testid": opts.labelTestid ?? `${prefix}-page`, "aria-live": "polite" },
  });
  const el = h("nav", { class: opts.class === undefined ? "pager" : `pager ${opts.class}`, attrs: { "aria-label": words.pages } }, prev, label, next);
  return {
    el,
    update({ canBack, canOn, label: text }) {
      prev.disabled = !canBack;
      next.disabled = !canOn;
      label.textContent = text;
      el.hidden = opts.hideWhenAlone !== false && !canBack && !canOn;
    },
  };
}

export interface PagedListOptions<T> {
  testid: string;
  limit?: number;
  /** Page by keyset (`after` = last id shown): for lists ordered newest first by id. */
  keyset?: boolean;
  fetch(request: PageRequest): Promise<Page<T>>;
  render(items: T[]): void;
  /** The list could not be loaded: say why (the old rows stay). */
  onError(error: ApiError): void;
  /** The list loaded fine (clear an earlier error). */
  onLoaded?(): void;
}

/**
 * One page of an admin table at a time, with Previous/Next, "Rows 51–100", a busy state while
 * a page loads, and only the newest request's answer shown.
 */
export class PagedList<T> {
  state: paging.Paging;
  readonly pager: HTMLElement;
  /** The area to mark busy while loading (the screen puts its table in it). */
  readonly region: HTMLElement;
  private readonly nav: Pager;
  private readonly latest = new paging.Latest();
  private readonly opts: PagedListOptions<T>;
  /** The pager's label: the rows shown, or "Loading…" while a slow page loads. */
  private label = "";

  constructor(opts: PagedListOptions<T>, region: HTMLElement) {
    this.opts = opts;
    this.region = region;
    this.state = paging.firstPage(opts.limit ?? paging.PAGE_SIZE, opts.keyset ?? false);
    this.nav = pager(opts.testid, () => void this.previous(), () => void this.next(), {
      labelTestid: `${opts.testid}-range`,
      class: "admin-pager",
      labelClass: "admin-pager__label",
      hideWhenAlone: false,
    });
    this.pager = this.nav.el;
    this.updatePager(false);
  }

  /** Loads the first page (after a filter changed). */
  restart(): Promise<void> {
    return this.load(paging.firstPage(this.state.limit, this.state.keyset));
  }

  /** Loads the shown page again (after a change). */
  reload(): Promise<void> {
    return this.load(this.state);
  }

  next(): Promise<void> {
    const to = paging.next(this.state);
    return to === null ? Promise.resolve() : this.load(to);
  }

  previous(): Promise<void> {
    const to = paging.previous(this.state);
    return to === null ? Promise.resolve() : this.load(to);
  }

  private async load(target: paging.Paging): Promise<void> {
    const ticket = this.latest.begin();
    const slow = setTimeout(() => {
      this.region.classList.add("admin-loading");
      this.label = t("common.loading");
      this.updatePager(true);
    }, 150);
    this.region.setAttribute("aria-busy", "true");
    this.updatePager(true);
    try {
      const page = await this.opts.fetch(paging.pageRequest(target));
      if (!this.latest.isCurrent(ticket)) return;
      const back = paging.stepBackIfEmpty(target, page);
      if (back !== null) {
        clearTimeout(slow);
        await this.load(back);
        return;
      }
      this.state = paging.loaded(target, page);
      this.opts.render(page.items);
      this.opts.onLoaded?.();
    } catch (raw) {
      if (this.latest.isCurrent(ticket)) this.opts.onError(toApiError(raw));
    } finally {
      clearTimeout(slow);
      if (this.latest.isCurrent(ticket)) {
        this.region.classList.remove("admin-loading");
        this.region.removeAttribute("aria-busy");
        this.updatePager(false);
      }
    }
  }

  /** While a page loads both buttons are off and the label stays as it was. */
  private updatePager(loading: boolean): void {
    if (!loading) this.label = paging.rangeLabel(this.state);
    this.nav.update({ canBack: !loading && paging.canGoBack(this.state), canOn: !loading && paging.canGoOn(this.state), label: this.label });
  }
}

export interface PagedTableOptions<T> extends Pick<PagedListOptions<T>, "testid" | "limit" | "keyset" | "fetch"> {
  headers: ReadonlyArray<string | Node>;
  /** Cells aligned to the top (rows of several lines). */
  top?: boolean;
  row(item: T): HTMLTableRowElement;
  /** What the table says when no row matches. */
  empty: string;
  /** Where a failed load is said; cleared when a page loads. */
  errors: Notice;
  /** Instead of saying a failed load in `errors` (e.g. beside a search box). */
  onError?(error: ApiError): void;
  /** After a page's rows are shown. */
  onRender?(items: T[]): void;
}

/** A table of records (`<testid>-table`) paged by a PagedList: put `list.region` and `list.pager` on the screen. */
export function pagedTable<T>(opts: PagedTableOptions<T>): { list: PagedList<T>; body: HTMLTableSectionElement } {
  const { body, wrap } = table(opts.testid, opts.headers, opts.top === true ? { top: true } : {});
  const list = new PagedList<T>(
    {
      testid: opts.testid,
      ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
      ...(opts.keyset !== undefined ? { keyset: opts.keyset } : {}),
      fetch: opts.fetch,
      render(items) {
        body.replaceChildren(...(items.length === 0 ? [emptyRow(opts.headers.length, opts.empty)] : items.map((item) => opts.row(item))));
        opts.onRender?.(items);
      },
      onError: opts.onError ?? ((error) => opts.errors.error(error.message)),
      onLoaded: () => opts.errors.clear(),
    },
    wrap,
  );
  return { list, body };
}

/** Restarts `list` at its first page as a person types in `input` (once typing pauses 250 ms), or at once on Enter. */
export function restartOnTyping(input: HTMLInputElement, list: { restart(): Promise<void> }): void {
  input.addEventListener("input", debounce(() => void list.restart(), 250));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      void list.restart();
    }
  });
}
