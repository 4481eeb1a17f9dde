// Paging state for lists that are never loaded whole: the UI asks for one page at a time
// (PageRequest {offset, limit}) and the backend says whether another follows (`has_more`).
import type { PageRequest } from "../gen/PageRequest";

export interface Paging {
  /** Offset of the first row of the page shown (or being asked for). */
  readonly offset: number;
  readonly limit: number;
  /** True when a row follows the page shown; unknown (false) before the first load. */
  readonly hasMore: boolean;
  /** Rows on the page shown. */
  readonly count: number;
}

export function firstPage(limit: number): Paging {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`page size must be a positive integer, got ${limit}`);
  return { offset: 0, limit, hasMore: false, count: 0 };
}

export function pageRequest(p: Paging): PageRequest {
  return { offset: p.offset, limit: p.limit };
}

export function canGoBack(p: Paging): boolean {
  return p.offset > 0;
}

export function canGoForward(p: Paging): boolean {
  return p.hasMore;
}

/** The request for the next page (unchanged when there is none). */
export function nextPage(p: Paging): Paging {
  return p.hasMore ? { ...p, offset: p.offset + p.limit, hasMore: false, count: 0 } : p;
}

/** The request for the previous page (unchanged on the first). */
export function previousPage(p: Paging): Paging {
  return p.offset > 0 ? { ...p, offset: Math.max(0, p.offset - p.limit), hasMore: false, count: 0 } : p;
}

/** Records what the backend answered for the page asked for. */
export function loaded(p: Paging, page: { items: readonly unknown[]; has_more: boolean }): Paging {
  return { ...p, hasMore: page.has_more, count: page.items.length };
}

/**
 * True when a page past the first came back empty (its rows went away, e.g. after a cancel
 * on another screen): the caller should show the previous page instead.
 */
export function isStrandedPage(p: Paging): boolean {
  return p.offset > 0 && p.count === 0;
}

/** 1-based number of the page, for "Page 2". */
export function pageNumber(p: Paging): number {
  return Math.floor(p.offset / p.limit) + 1;
}

/** "Showing 11–20" style range of the rows shown; empty text when there are none. */
export function rangeLabel(p: Paging): string {
  if (p.count === 0) return "";
  return `${p.offset + 1}–${p.offset + p.count}`;
}
