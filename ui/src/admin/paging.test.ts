import { describe, expect, it } from "vitest";
import * as paging from "./paging";

const page = (offset: number, count: number, has_more: boolean) => ({ items: Array.from({ length: count }, (_, i) => i), offset, has_more });

describe("admin paging state", () => {
  it("starts on the first page and asks for offset 0", () => {
    const s = paging.firstPage(50);
    expect(paging.request(s)).toEqual({ offset: 0, limit: 50 });
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
    expect(paging.request(s)).toEqual({ offset: 50, limit: 50 });
    expect(paging.rangeLabel(s)).toBe("Rows 51–73 (last page)");
    expect(paging.next(s)).toBeNull();
    const back = paging.previous(s);
    expect(back && paging.request(back)).toEqual({ offset: 0, limit: 50 });
    expect(paging.previous(paging.firstPage())).toBeNull();
  });

  it("never asks for a negative offset", () => {
    const odd = paging.loaded(paging.firstPage(50), page(30, 5, false));
    expect(paging.request(paging.previous(odd) ?? odd).offset).toBe(0);
  });

  it("steps back when a later page came back empty (its rows were changed away)", () => {
    const s = paging.loaded(paging.firstPage(25), page(25, 25, true));
    const empty = page(50, 0, false);
    const back = paging.stepBackIfEmpty(s, empty);
    expect(back && paging.request(back)).toEqual({ offset: 25, limit: 25 });
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
    expect(paging.request(state)).toEqual({ offset: 0, limit: 3 });
    state = paging.loaded(state, pageOf([90, 80, 70], 0, true));
    const second = paging.next(state);
    expect(second).not.toBeNull();
    if (second === null) return;
    expect(paging.request(second)).toEqual({ offset: 3, limit: 3, after: 70 });
    state = paging.loaded(second, pageOf([60, 50, 40], 3, true));
    const third = paging.next(state);
    if (third === null) throw new Error("expected a third page");
    expect(paging.request(third)).toEqual({ offset: 6, limit: 3, after: 40 });
    const back = paging.previous(third);
    if (back === null) throw new Error("expected to go back");
    expect(paging.request(back)).toEqual({ offset: 3, limit: 3, after: 70 });
    const first = paging.previous(back);
    if (first === null) throw new Error("expected the first page");
    expect(paging.request(first)).toEqual({ offset: 0, limit: 3 });
    expect(paging.rangeLabel(paging.loaded(back, pageOf([60, 50, 40], 3, true)))).toBe("Rows 4–6");
  });

  it("never sends a cursor for lists that page by offset", () => {
    let state = paging.firstPage(2);
    state = paging.loaded(state, pageOf([5, 4], 0, true));
    const second = paging.next(state);
    expect(second && paging.request(second)).toEqual({ offset: 2, limit: 2 });
  });
});
