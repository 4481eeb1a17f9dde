// Tables of records (the admin lists): a `.table` with its header row, rows of cells, the
// "nothing here" row. The caller fills `body`; `wrap` scrolls sideways on narrow windows.
import { h } from "./dom";

export interface Table {
  table: HTMLTableElement;
  body: HTMLTableSectionElement;
  wrap: HTMLElement;
}

/** `<testid>-table`; `top` aligns cells to the top (rows of several lines). */
export function table(testid: string, headers: ReadonlyArray<string | Node>, opts: { top?: boolean } = {}): Table {
  const body = h("tbody");
  const t = h(
    "table",
    { class: opts.top === true ? "table admin-table admin-table--top" : "table admin-table", attrs: { "data-testid": `${testid}-table` } },
    h("thead", {}, h("tr", {}, ...headers.map((label) => h("th", { attrs: { scope: "col" } }, label)))),
    body,
  );
  const wrap = h("div", { class: "table-wrap admin-table-wrap" }, t);
  return { table: t, body, wrap };
}

/** One row across all `columns` saying why the table is empty. */
export function emptyRow(columns: number, text: string): HTMLTableRowElement {
  return h("tr", { class: "admin-empty" }, h("td", { attrs: { colspan: String(columns) } }, text));
}

export function cell(...children: Array<Node | string>): HTMLTableCellElement {
  return h("td", {}, ...children);
}
