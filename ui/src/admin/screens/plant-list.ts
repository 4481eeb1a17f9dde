// The "send to plant" list: every cylinder held back or due for test (within the margin
// setting), as the inventory's filters choose them, on paper for the truck to the bottling
// plant. It is fetched a page at a time (the backend never hands out a whole table) up to a
// limit, and printed alone (admin.css, @media print: only the list shows).
import type { Cylinder } from "../../gen/Cylinder";
import type { CylinderFilter } from "../../gen/CylinderFilter";
import { h } from "../../lib/dom";
import { plural } from "../../lib/format";
import { cell, table } from "../../lib/table";
import { formatDateTime } from "../../lib/time";
import type { ScreenContext } from "../context";

/** One truck's worth and far more; past this the list says it was cut short. */
export const PLANT_LIST_MAX = 2000;
const PAGE = 200;

/** Every cylinder the filter matches, up to `max`, and whether more were left off. */
export async function fetchPlantList(ctx: ScreenContext, filter: CylinderFilter, search: string, max = PLANT_LIST_MAX): Promise<{ items: Cylinder[]; cut: boolean }> {
  const items: Cylinder[] = [];
  let after: number | undefined;
  for (;;) {
    const page = await ctx.backend.listCylinders(filter, search, after === undefined ? { offset: 0, limit: PAGE } : { offset: items.length, limit: PAGE, after });
    items.push(...page.items);
    const last = page.items[page.items.length - 1];
    if (!page.has_more || last === undefined) return { items, cut: false };
    if (items.length >= max) return { items: items.slice(0, max), cut: true };
    after = last.id;
  }
}

/** Why the cylinder goes to the plant, in words. */
function why(c: Cylinder): string {
  const parts: string[] = [];
  if (c.hold !== null) parts.push(`${c.hold}${c.hold_reason === "" ? "" : ` — ${c.hold_reason}`}`);
  if (c.due_for_test) parts.push("due for test");
  return parts.join("; ");
}

/** The printable list (`plant-list`): title, when, how many, and a row per cylinder. */
export function plantListView(items: Cylinder[], cut: boolean, agency: string): HTMLElement {
  const { body, wrap } = table("plant-list", ["Cylinder ID", "Type", "Status", "Test due", "Reason (hold or test)"]);
  body.replaceChildren(
    ...items.map((c) =>
      h(
        "tr",
        { attrs: { "data-testid": `plant-row-${c.cylinder_code}` } },
        cell(h("strong", { class: "admin-code" }, c.cylinder_code)),
        cell(c.type_name),
        cell(c.status),
        cell(`${c.test_due_stamp ?? "—"}${c.due_for_test ? " (due)" : ""}`),
        cell(why(c)),
      ),
    ),
  );
  return h(
    "section",
    { class: "admin-plant-list", attrs: { "data-testid": "plant-list" } },
    h("h2", {}, "Send to plant: cylinders due for test or held back"),
    h("p", {}, `${agency === "" ? "" : `${agency} · `}${formatDateTime(new Date().toISOString())} · ${plural(items.length, "cylinder")}`),
    cut ? h("p", { attrs: { "data-testid": "plant-list-cut" } }, `Only the first ${PLANT_LIST_MAX.toLocaleString("en-IN")} are listed; print again after sending these.`) : "",
    wrap,
  );
}

/**
 * Shows `list` in `area` (the admin area) for printing only, prints, and takes it away after
 * printing (afterprint), or at the next print.
 */
export function printPlantList(area: HTMLElement, list: HTMLElement): void {
  for (const old of area.querySelectorAll(".admin-plant-list")) old.remove();
  area.append(list);
  area.classList.add("admin--print-plant");
  window.addEventListener(
    "afterprint",
    () => {
      area.classList.remove("admin--print-plant");
      list.remove();
    },
    { once: true },
  );
  window.print();
}
