import { describe, expect, it } from "vitest";
import * as paging from "./paging";
import {
  canGoBack,
  canGoOn,
  firstPage,
  loaded,
  next,
  pageNumber,
  pageRequest,
  previous,
  rowRange,
  stepBackIfEmpty,
  type Paging,
} from "./paging";

const page = (offset: number, count: number, has_more: boolean) => ({ items: Array.from({ length: count }, (_, i) => i), offset, has_more });

/** The state a step leads to; fails the test when there is none. */
function must(state: Paging | null): Paging {
  if (state === null) throw new Error("expected a page to go to");
  return state;
}

describe("paging", () => {
  it("starts at the first page and asks for one page only", () => {
    const p = firstPage(5);
    expect(pageRequest(p)).toEqual({ offset: 0, limit: 5 });
    expect(canGoBack(p)).toBe(false);
    expect(canGoOn(p)).toBe(false);
    expect(pageNumber(p)).toBe(1);
  });

  it("refuses a page size that is not a positive integer", () => {
    expect(() => firstPage(0)).toThrow(RangeError);
    expect(() => firstPage(2.5)).toThrow(RangeError);
  });

  it("goes forward only when the backend said more rows follow", () => {
    let p = loaded(firstPage(5), page(0, 5, true));
    expect(canGoOn(p)).toBe(true);
    expect(rowRange(p)).toBe("1–5");
    p = must(next(p));
    expect(pageRequest(p)).toEqual({ offset: 5, limit: 5 });
    expect(pageNumber(p)).toBe(2);
    p = loaded(p, page(5, 3, false));
    expect(canGoOn(p)).toBe(false);
    expect(canGoBack(p)).toBe(true);
    expect(rowRange(p)).toBe("6–8");
    expect(next(p)).toBeNull();
  });

  it("goes back to the previous page, never below zero", () => {
    let p = loaded(must(next(loaded(firstPage(5), page(0, 5, true)))), page(5, 5, true));
    p = must(previous(p));
    expect(pageRequest(p)).toEqual({ offset: 0, limit: 5 });
    expect(previous(p)).toBeNull();
    expect(must(previous({ ...firstPage(5), offset: 3, shown: 1 })).offset).toBe(0);
  });

  it("notices a later page that came back empty", () => {
    const second = must(next(loaded(firstPage(5), page(0, 5, true))));
    const empty = page(5, 0, false);
    expect(stepBackIfEmpty(second, empty)).not.toBeNull();
    expect(stepBackIfEmpty(firstPage(5), page(0, 0, false))).toBeNull();
    expect(rowRange(loaded(second, empty))).toBe("");
  });
});

describe("admin paging state", () => {
  it("starts on the first page and asks for offset 0", () => {
    const s = paging.firstPage(50);
    expect(paging.pageRequest(s)).toEqual({ offset: 0, limit: 50 });
    expect(paging.canGoBack(s)).toBe(false);
    expect(paging.canGoOn(s)).toBe(false);
    expect(paging.rangeLabel(s)).toBe("No rows");
  });

  it("goes on only while the backend says more rows follow, and back to the start", () => {
    let s = paging.loaded(paging.firstPage(50), page(0, 50, true));
    expect(paging.rangeLabel(s)).toBe("Rows 1–50");
    expect(paging.canGoOn(s)).toBe(true);
    const second = paging.next(s);
    expect(second).not.toBeNull();
    s = paging.loaded(second ?? s, page(50, 23, false));
    expect(paging.pageRequest(s)).toEqual({ offset: 50, limit: 50 });
    expect(paging.rangeLabel(s)).toBe("Rows 51–73 (last page)");
    expect(paging.next(s)).toBeNull();
    const back = paging.previous(s);
    expect(back && paging.pageRequest(back)).toEqual({ offset: 0, limit: 50 });
    expect(paging.previous(paging.firstPage())).toBeNull();
  });

  it("never asks for a negative offset", () => {
    const odd = paging.loaded(paging.firstPage(50), page(30, 5, false));
    expect(paging.pageRequest(paging.previous(odd) ?? odd).offset).toBe(0);
  });

  it("steps back when a later page came back empty (its rows were changed away)", () => {
    const s = paging.loaded(paging.firstPage(25), page(25, 25, true));
    const empty = page(50, 0, false);
    const back = paging.stepBackIfEmpty(s, empty);
    expect(back && paging.pageRequest(back)).toEqual({ offset: 25, limit: 25 });
    expect(paging.stepBackIfEmpty(s, page(0, 0, false))).toBeNull();
    expect(paging.stepBackIfEmpty(s, page(50, 3, false))).toBeNull();
  });

  it("groups large row numbers the Indian way", () => {
    const s = paging.loaded(paging.firstPage(50), page(100000, 50, true));
    expect(paging.rangeLabel(s)).toBe("Rows 1,00,001–1,00,050");
  });

  it("Latest only accepts the newest request's answer", () => {
    const latest = new paging.Latest();
    const first = latest.begin();
    const second = latest.begin();
    expect(latest.isCurrent(first)).toBe(false);
    expect(latest.isCurrent(second)).toBe(true);
  });
});

describe("keyset paging", () => {
  const rows = (ids: number[]) => ids.map((id) => ({ id }));
  const pageOf = (ids: number[], offset: number, has_more: boolean) => ({ items: rows(ids), offset, has_more });

  it("asks for the rows after the last id shown, and walks back the same way", () => {
    let state = paging.firstPage(3, true);
    expect(paging.pageRequest(state)).toEqual({ offset: 0, limit: 3 });
    state = paging.loaded(state, pageOf([90, 80, 70], 0, true));
    const second = paging.next(state);
    expect(second).not.toBeNull();
    if (second === null) return;
    expect(paging.pageRequest(second)).toEqual({ offset: 3, limit: 3, after: 70 });
    state = paging.loaded(second, pageOf([60, 50, 40], 3, true));
    const third = paging.next(state);
    if (third === null) throw new Error("expected a third page");
    expect(paging.pageRequest(third)).toEqual({ offset: 6, limit: 3, after: 40 });
    const back = paging.previous(third);
    if (back === null) throw new Error("expected to go back");
    expect(paging.pageRequest(back)).toEqual({ offset: 3, limit: 3, after: 70 });
    const first = paging.previous(back);
    if (first === null) throw new Error("expected the first page");
    expect(paging.pageRequest(first)).toEqual({ offset: 0, limit: 3 });
    expect(paging.rangeLabel(paging.loaded(back, pageOf([60, 50, 40], 3, true)))).toBe("Rows 4–6");
  });

  it("never sends a cursor for lists that page by offset", () => {
    let state = paging.firstPage(2);
    state = paging.loaded(state, pageOf([5, 4], 0, true));
    const second = paging.next(state);
    expect(second && paging.pageRequest(second)).toEqual({ offset: 2, limit: 2 });
  });
});
