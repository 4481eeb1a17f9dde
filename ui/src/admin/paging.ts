// Paging through the backend, one page at a time (Previous / Next), never a whole table.
// Lists shown newest first can page by keyset: Next asks for the rows after the last id shown
// (`PageRequest.after`), which costs the same at any depth, where an offset walks every row
// before the page (2 s at a million bookings, see docs/BENCHMARKS.md).
// The state is plain data changed by pure functions; `Latest` drops answers that arrive after
// a newer request was sent (a clerk typing in a search box). Tested in paging.test.ts.
import type { Page } from "../gen/Page";
import type { PageRequest } from "../gen/PageRequest";

export const PAGE_SIZE = 50;

export interface PagingState {
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

export function firstPage(limit: number = PAGE_SIZE, keyset: boolean = false): PagingState {
  return { offset: 0, limit, hasMore: false, shown: 0, keyset, afters: [], lastId: null };
}

export function request(state: PagingState): PageRequest {
  const after = state.keyset ? state.afters[state.afters.length - 1] : undefined;
  return after === undefined ? { offset: state.offset, limit: state.limit } : { offset: state.offset, limit: state.limit, after };
}

function idOf(row: unknown): number | null {
  if (typeof row === "object" && row !== null && "id" in row && typeof row.id === "number") return row.id;
  return null;
}

/** The state once a page has arrived. */
export function loaded(state: PagingState, page: Page<unknown>): PagingState {
  const lastId = idOf(page.items[page.items.length - 1]);
  return { ...state, offset: page.offset, hasMore: page.has_more, shown: page.items.length, lastId };
}

export function canGoBack(state: PagingState): boolean {
  return state.offset > 0;
}

export function canGoOn(state: PagingState): boolean {
  return state.hasMore;
}

/** The next page's state, or null on the last page. */
export function next(state: PagingState): PagingState | null {
  if (!state.hasMore) return null;
  const afters = state.keyset && state.lastId !== null ? [...state.afters, state.lastId] : state.afters;
  return { ...state, offset: state.offset + state.limit, shown: 0, afters };
}

/** The previous page's state, or null on the first page. */
export function previous(state: PagingState): PagingState | null {
  if (state.offset <= 0) return null;
  return { ...state, offset: Math.max(0, state.offset - state.limit), shown: 0, afters: state.afters.slice(0, -1) };
}

/**
 * A page that came back empty although it is not the first (its rows were changed away,
 * e.g. the last complaint on page 3 was closed): the page to show instead, else null.
 */
export function stepBackIfEmpty(state: PagingState, page: Page<unknown>): PagingState | null {
  return page.items.length === 0 && page.offset > 0 ? previous({ ...state, offset: page.offset }) : null;
}

/** `Rows 51–100`, `Rows 51–73`, `No rows`. */
export function rangeLabel(state: PagingState): string {
  if (state.shown === 0) return state.offset === 0 ? "No rows" : `No rows after ${state.offset.toLocaleString("en-IN")}`;
  const from = state.offset + 1;
  const to = state.offset + state.shown;
  return `Rows ${from.toLocaleString("en-IN")}–${to.toLocaleString("en-IN")}${state.hasMore ? "" : " (last page)"}`;
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
