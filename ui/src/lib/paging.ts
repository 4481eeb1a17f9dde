// Paging through the backend, one page at a time (Previous / Next), never a whole table.
// Lists shown newest first can page by keyset: Next asks for the rows after the last id shown
// (`PageRequest.after`), which costs the same at any depth, where an offset walks every row
// before the page (2 s at a million bookings, see docs/BENCHMARKS.md).
// The state is plain data changed by pure functions; `Latest` drops answers that arrive after
// a newer request was sent (a clerk typing in a search box). The widgets are in pager.ts.
import type { Page } from "../gen/Page";
import type { PageRequest } from "../gen/PageRequest";

/** Rows a page of the admin lists. */
export const PAGE_SIZE = 50;

export interface Paging {
  /** Offset of the first row of the page shown (or being asked for). */
  readonly offset: number;
  readonly limit: number;
  /** True when the backend said at least one more row follows the shown page. */
  readonly hasMore: boolean;
  /** How many rows the shown page has. */
  readonly shown: number;
  /** Page by keyset (newest-first lists only). */
  readonly keyset: boolean;
  /** For each page after the first that was opened, the id it starts after. */
  readonly afters: readonly number[];
  /** The id of the shown page's last row, if its rows have ids. */
  readonly lastId: number | null;
}

/** @throws RangeError when `limit` is not a positive whole number. */
export function firstPage(limit: number = PAGE_SIZE, keyset: boolean = false): Paging {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`page size must be a positive integer, got ${limit}`);
  return { offset: 0, limit, hasMore: false, shown: 0, keyset, afters: [], lastId: null };
}

export function pageRequest(state: Paging): PageRequest {
  const after = state.keyset ? state.afters[state.afters.length - 1] : undefined;
  return after === undefined ? { offset: state.offset, limit: state.limit } : { offset: state.offset, limit: state.limit, after };
}

function idOf(row: unknown): number | null {
  if (typeof row === "object" && row !== null && "id" in row && typeof row.id === "number") return row.id;
  return null;
}

/** The state once a page has arrived (at the offset the backend says it starts at). */
export function loaded(state: Paging, page: Page<unknown>): Paging {
  const lastId = idOf(page.items[page.items.length - 1]);
  return { ...state, offset: page.offset, hasMore: page.has_more, shown: page.items.length, lastId };
}

export function canGoBack(state: Paging): boolean {
  return state.offset > 0;
}

export function canGoOn(state: Paging): boolean {
  return state.hasMore;
}

/** The next page's state, or null on the last page. */
export function next(state: Paging): Paging | null {
  if (!state.hasMore) return null;
  const afters = state.keyset && state.lastId !== null ? [...state.afters, state.lastId] : state.afters;
  return { ...state, offset: state.offset + state.limit, hasMore: false, shown: 0, afters };
}

/** The previous page's state (never below offset 0), or null on the first page. */
export function previous(state: Paging): Paging | null {
  if (state.offset <= 0) return null;
  return { ...state, offset: Math.max(0, state.offset - state.limit), hasMore: false, shown: 0, afters: state.afters.slice(0, -1) };
}

/**
 * A page that came back empty although it is not the first (its rows were changed away,
 * e.g. the last complaint on page 3 was closed): the page to show instead, else null.
 */
export function stepBackIfEmpty(state: Paging, page: Page<unknown>): Paging | null {
  return page.items.length === 0 && page.offset > 0 ? previous({ ...state, offset: page.offset }) : null;
}

/** 1-based number of the page, for "Page 2". */
export function pageNumber(state: Paging): number {
  return Math.floor(state.offset / state.limit) + 1;
}

/** `51–73`, the rows shown, grouped the Indian way; empty text when there are none. */
export function rowRange(state: Paging): string {
  if (state.shown === 0) return "";
  return `${(state.offset + 1).toLocaleString("en-IN")}–${(state.offset + state.shown).toLocaleString("en-IN")}`;
}

/** `Rows 51–100`, `Rows 51–73 (last page)`, `No rows`: the admin tables' label (staff read English). */
export function rangeLabel(state: Paging): string {
  // i18n-ignore: staff only (PagedList's admin tables; customer lists say `common.pageRows`)
  if (state.shown === 0) return state.offset === 0 ? "No rows" : `No rows after ${state.offset.toLocaleString("en-IN")}`;
  return `Rows ${rowRange(state)}${state.hasMore ? "" : " (last page)"}`; // i18n-ignore: staff only, as above
}

/** Numbers requests so that only the answer to the newest one is used. */
export class Latest {
  private counter = 0;

  /** Starts a request; keep the ticket and check it with `isCurrent` when the answer arrives. */
  begin(): number {
    this.counter += 1;
    return this.counter;
  }

  isCurrent(ticket: number): boolean {
    return ticket === this.counter;
  }
}
