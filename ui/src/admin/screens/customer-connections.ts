// A customer's connections (on the Customers screen): one per cylinder type they may hold, with
// its allowance (single-bottle 1, double-bottle 2, or another number), what they hold, their
// refills this financial year and when the next may be booked; staff add one or change its
// allowance. Also the allowance choice the new-customer form uses for the first connection.
import type { Connection } from "../../gen/Connection";
import type { Customer } from "../../gen/Customer";
import type { CylinderType } from "../../gen/CylinderType";
import { h } from "../../lib/dom";
import { type Field, field, notice, radioGroup, type RadioGroup, showError } from "../../lib/form";
import { formatRupees } from "../../lib/format";
import type { Parsed } from "../../lib/parse";
import { cell, emptyRow, table } from "../../lib/table";
import { allowanceText, formatCalendarDay } from "../../lib/trade";
import { button, select, textInput, withBusy } from "../../lib/ui";
import type { ScreenContext } from "../context";

/** The backend's bounds on an allowance (domain/connections.rs). */
const ALLOWANCE_MAX = 20;

export interface AllowanceChoice {
  /** The radios and the "other" box, as one group with one error line (`<name>-error`). */
  readonly group: RadioGroup<string>;
  readonly el: HTMLElement;
  value(): Parsed<number>;
  set(allowance: number): void;
}

/** Single-bottle (1), double-bottle (2), or another number in a box: `<name>-single`, `-double`, `-other`, `-count`. */
export function allowanceChoice(name: string, legend = "Allowance"): AllowanceChoice {
  const group = radioGroup<string>(legend, name, [
    { value: "1", label: allowanceText(1), testid: `${name}-single` },
    { value: "2", label: allowanceText(2), testid: `${name}-double` },
    { value: "other", label: "other:", testid: `${name}-other` },
  ]);
  const count = textInput({ testid: `${name}-count`, attrs: { inputmode: "numeric", size: "3", maxlength: "2", "aria-label": "Cylinders at once" } });
  // The box belongs to "other": typing in it chooses it.
  count.addEventListener("input", () => group.set("other"));
  group.el.querySelector(".admin-radio-row")?.append(count);
  group.set("1");
  return {
    group,
    el: group.el,
    value() {
      const chosen = group.value();
      if (chosen === "1" || chosen === "2") return { value: Number(chosen) };
      const t = count.value.trim();
      const n = Number(t);
      if (!/^\d+$/.test(t) || n < 1 || n > ALLOWANCE_MAX) return { error: `Enter how many cylinders at once: 1 to ${ALLOWANCE_MAX}.` };
      return { value: n };
    },
    set(allowance) {
      if (allowance === 1 || allowance === 2) {
        group.set(String(allowance));
        count.value = "";
      } else {
        group.set("other");
        count.value = String(allowance);
      }
    },
  };
}

/** When the next refill can be booked: "now", or the day, with why in a smaller line. */
function nextRefill(c: Connection): Node[] {
  if (c.next_refill_from === null) return [h("span", { attrs: { "data-testid": `connection-next-${c.type_id}` } }, c.refills_left > 0 ? "now" : "—")];
  return [
    h("strong", { attrs: { "data-testid": `connection-next-${c.type_id}` } }, formatCalendarDay(c.next_refill_from)),
    ...(c.refill_blocked === null ? [] : [h("span", { class: "admin-small admin-muted admin-block" }, c.refill_blocked)]),
  ];
}

function connectionRow(c: Connection): HTMLTableRowElement {
  return h(
    "tr",
    { attrs: { "data-testid": `connection-row-${c.type_id}` } },
    cell(h("strong", {}, c.type_name), c.type_active ? "" : h("span", { class: "admin-small admin-muted admin-block" }, "no longer sold")),
    cell(h("span", { attrs: { "data-testid": `connection-allowance-${c.type_id}` } }, allowanceText(c.allowance))),
    cell(
      h("span", { attrs: { "data-testid": `connection-held-${c.type_id}` } }, `${c.held} of ${c.allowance}`),
      c.held >= c.allowance ? h("span", { class: "admin-small admin-muted admin-block" }, "hands back an empty to refill") : "",
    ),
    cell(h("span", { attrs: { "data-testid": `connection-refills-${c.type_id}` } }, `${c.refills_this_year} / ${c.refills_left} left`)),
    cell(...nextRefill(c)),
    cell(h("span", { class: "admin-num admin-nowrap" }, formatRupees(c.price))),
  );
}

/**
 * The panel for one customer: the table of connections and the form that adds one or changes
 * an allowance. `types` are the agency's types (a new connection needs an active one).
 */
export function connectionsPanel(ctx: ScreenContext, customer: Customer, types: CylinderType[]): HTMLElement {
  const said = notice("connections-notice");
  const { body, wrap } = table("connections", ["Type", "Allowance", "Holds", "Refills this year", "Next refill", "Price"], { top: true });
  body.append(emptyRow(6, "Loading…"));
  let current: Connection[] = [];

  const kind: Field<HTMLSelectElement> = field("Type", select<string>([], "", { testid: "connection-type" }));
  const allowance = allowanceChoice("connection-allowance");
  const save = button("Save connection", null, { variant: "primary", type: "submit", testid: "connection-save" });
  const form = h(
    "form",
    { class: "admin-form admin-connection-form", attrs: { novalidate: "", "data-testid": "connection-form" } },
    h("h4", { class: "admin-subtitle" }, "Add a connection / change an allowance"),
    h("div", { class: "admin-form__grid" }, kind.el, allowance.el),
    h("div", { class: "admin-form__actions" }, save),
  );
  const fields = { type_id: kind, allowance: allowance.group };

  /** Active types, plus any type they are connected to (its allowance can still change). */
  function offered(): CylinderType[] {
    return types.filter((t) => t.active || current.some((c) => c.type_id === t.id));
  }

  function render(list: Connection[]): void {
    current = list;
    body.replaceChildren(...(list.length === 0 ? [emptyRow(6, "No connections yet.")] : list.map(connectionRow)));
    const chosen = kind.control.value;
    kind.control.replaceChildren(
      ...offered().map((t) => {
        const connected = list.find((c) => c.type_id === t.id);
        return h("option", { attrs: { value: String(t.id) } }, connected === undefined ? `${t.name} (new connection)` : `${t.name} (now ${allowanceText(connected.allowance)})`);
      }),
    );
    if (chosen !== "" && offered().some((t) => String(t.id) === chosen)) kind.control.value = chosen;
    showAllowanceOf();
  }

  /** The allowance box starts at the chosen type's current allowance. */
  function showAllowanceOf(): void {
    const connected = current.find((c) => String(c.type_id) === kind.control.value);
    allowance.set(connected?.allowance ?? 1);
  }
  kind.control.addEventListener("change", showAllowanceOf);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (save.disabled) return;
    kind.setError(null);
    allowance.group.setError(null);
    said.clear();
    const n = allowance.value();
    if (kind.control.value === "") {
      kind.setError("Choose the type.");
      kind.control.focus();
      return;
    }
    if ("error" in n) {
      allowance.group.setError(n.error);
      allowance.group.inputs[2]?.focus();
      return;
    }
    const typeId = Number(kind.control.value);
    const before = current.find((c) => c.type_id === typeId);
    void withBusy(save, null, async () => {
      try {
        const list = await ctx.backend.setConnection(customer.id, typeId, n.value);
        render(list);
        const name = list.find((c) => c.type_id === typeId)?.type_name ?? "";
        said.ok(
          before === undefined
            ? `${customer.username} now has a ${name} connection, ${allowanceText(n.value)}.`
            : `${customer.username}'s ${name} connection is now ${allowanceText(n.value)}.`,
        );
        ctx.changed();
      } catch (raw) {
        showError(raw, said, fields);
      }
    });
  });

  void ctx.backend.customerConnections(customer.id).then(render, (raw: unknown) => {
    body.replaceChildren(emptyRow(6, "The connections could not be loaded."));
    showError(raw, said);
  });

  return h(
    "section",
    { class: "admin-connections", attrs: { "data-testid": "connections-panel", "aria-label": "Connections" } },
    h("h3", { class: "admin-card__title" }, "Connections"),
    h("p", { class: "admin-muted admin-small" }, "A customer holds at most the allowance of each type. Refills follow the rules in Settings (days apart, a yearly cap)."),
    wrap,
    said.el,
    form,
  );
}

