import { describe, expect, it } from "vitest";
import {
  canGoBack,
  canGoForward,
  firstPage,
  isStrandedPage,
  loaded,
  nextPage,
  pageNumber,
  pageRequest,
  previousPage,
  rangeLabel,
} from "./paging";

const page = (n: number, hasMore: boolean) => ({ items: Array.from({ length: n }, (_, i) => i), has_more: hasMore });

describe("paging", () => {
  it("starts at the first page and asks for one page only", () => {
    const p = firstPage(5);
    expect(pageRequest(p)).toEqual({ offset: 0, limit: 5 });
    expect(canGoBack(p)).toBe(false);
    expect(canGoForward(p)).toBe(false);
    expect(pageNumber(p)).toBe(1);
  });

  it("refuses a page size that is not a positive integer", () => {
    expect(() => firstPage(0)).toThrow(RangeError);
    expect(() => firstPage(2.5)).toThrow(RangeError);
  });

  it("goes forward only when the backend said more rows follow", () => {
    let p = loaded(firstPage(5), page(5, true));
    expect(canGoForward(p)).toBe(true);
    expect(rangeLabel(p)).toBe("1–5");
    p = nextPage(p);
    expect(pageRequest(p)).toEqual({ offset: 5, limit: 5 });
    expect(pageNumber(p)).toBe(2);
    p = loaded(p, page(3, false));
    expect(canGoForward(p)).toBe(false);
    expect(canGoBack(p)).toBe(true);
    expect(rangeLabel(p)).toBe("6–8");
    expect(nextPage(p)).toBe(p);
  });

  it("goes back to the previous page, never below zero", () => {
    let p = loaded(nextPage(loaded(firstPage(5), page(5, true))), page(5, true));
    p = previousPage(p);
    expect(pageRequest(p)).toEqual({ offset: 0, limit: 5 });
    expect(previousPage(p)).toBe(p);
    expect(previousPage({ offset: 3, limit: 5, hasMore: false, count: 1 }).offset).toBe(0);
  });

  it("notices a later page that came back empty", () => {
    const p = loaded(nextPage(loaded(firstPage(5), page(5, true))), page(0, false));
    expect(isStrandedPage(p)).toBe(true);
    expect(isStrandedPage(loaded(firstPage(5), page(0, false)))).toBe(false);
    expect(rangeLabel(p)).toBe("");
  });
});
