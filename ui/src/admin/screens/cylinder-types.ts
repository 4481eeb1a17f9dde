// Cylinder types: what the agency sells (14.2 kg domestic, 19 kg commercial, …), each at a
// GST-inclusive price and GST rate, with its HSN code; added and changed in a dialog. A type is
// never deleted (cylinders and invoices name it), only made inactive.
import type { CylinderCategory } from "../../gen/CylinderCategory";
import type { CylinderType } from "../../gen/CylinderType";
import type { CylinderTypeInput } from "../../gen/CylinderTypeInput";
import { h } from "../../lib/dom";
import { clearErrors, type Field, field, notice, showError } from "../../lib/form";
import { formatRupees } from "../../lib/format";
import { parseRupees } from "../../lib/parse";
import type { Screen } from "../../lib/screen";
import { cell, emptyRow, table } from "../../lib/table";
import { gstPercentText, parseGstPercent } from "../../lib/trade";
import { badge, button, select, textInput } from "../../lib/ui";
import { checkRequiredLine } from "../../lib/validate";
import type { ScreenContext } from "../context";
import { formDialog } from "../dialogs";
import { screen, screenHeader } from "../frame";
import { reportProblems } from "./customers";

const HEADERS = ["Type", "Category", "Price (with GST)", "GST", "HSN", "Status", ""];

/** The GST rate a new type of each category usually has (domestic 5 %, commercial 18 %). */
const USUAL_RATE: Record<CylinderCategory, string> = { Domestic: "5", Commercial: "18" };

/** The backend's bounds on a price, in paise (domain/cylinder_types.rs). */
const PRICE_MIN_PAISE = 100;
const PRICE_MAX_PAISE = 9_999_999;

type TypeFields = {
  name: Field<HTMLInputElement>;
  category: Field<HTMLSelectElement>;
  price: Field<HTMLInputElement>;
  gst_rate_bp: Field<HTMLInputElement>;
  hsn: Field<HTMLInputElement>;
};

/**
 * Reads the type form: what to send, or each problem by field name. `active` is the tick box.
 * Exported for its tests: the GST rate goes as basis points (5 → 500, 12.5 → 1250).
 */
export function readTypeForm(
  values: Record<keyof TypeFields, string>,
  active: boolean,
): { input: CylinderTypeInput } | { problems: Partial<Record<keyof TypeFields, string>> } {
  const problems: Partial<Record<keyof TypeFields, string>> = {};
  const name = checkRequiredLine(values.name, "type name", 40);
  if (name !== null) problems.name = name;
  const category = values.category === "Commercial" ? "Commercial" : values.category === "Domestic" ? "Domestic" : null;
  if (category === null) problems.category = "Choose Domestic or Commercial.";
  const price = parseRupees(values.price);
  if ("error" in price) problems.price = price.error;
  else {
    // "1750.00" → 175000: at most eight digits before the point here, so a number holds it exactly.
    const paise = Number(price.value.replace(".", ""));
    if (paise < PRICE_MIN_PAISE || paise > PRICE_MAX_PAISE) problems.price = "The price must be between ₹1.00 and ₹99,999.99.";
  }
  const rate = parseGstPercent(values.gst_rate_bp);
  if ("error" in rate) problems.gst_rate_bp = rate.error;
  const hsn = values.hsn.trim();
  if (!/^\d{4,8}$/.test(hsn)) problems.hsn = "The HSN code is 4 to 8 digits (2711 for LPG).";
  if (category === null || "error" in price || "error" in rate || Object.keys(problems).length > 0) return { problems };
  return { input: { name: values.name.trim(), category, price: price.value, gst_rate_bp: rate.value, hsn, active } };
}

export function cylinderTypesScreen(ctx: ScreenContext): Screen {
  const outcome = notice("types-notice");
  const error = notice("types-error");
  const { body, wrap } = table("types", HEADERS);
  const add = button("Add a type…", () => openDialog(null), { variant: "primary", testid: "types-add" });

  async function load(): Promise<void> {
    try {
      const types = await ctx.backend.cylinderTypes();
      body.replaceChildren(...(types.length === 0 ? [emptyRow(HEADERS.length, "No cylinder types yet.")] : types.map(row)));
      error.clear();
    } catch (raw) {
      showError(raw, error);
    }
  }

  function row(t: CylinderType): HTMLTableRowElement {
    return h(
      "tr",
      { attrs: { "data-testid": `type-row-${t.id}` } },
      cell(h("strong", {}, t.name)),
      cell(t.category),
      cell(h("span", { class: "admin-num admin-nowrap", attrs: { "data-testid": `type-price-${t.id}` } }, formatRupees(t.price))),
      cell(h("span", { class: "admin-nowrap", attrs: { "data-testid": `type-gst-${t.id}` } }, `${gstPercentText(t.gst_rate_bp)} %`)),
      cell(t.hsn),
      cell(t.active ? badge("Active", { kind: "filled" }) : badge("Inactive", { kind: "none" })),
      cell(button("Edit…", () => openDialog(t), { variant: "ghost", testid: `type-edit-${t.id}` })),
    );
  }

  function openDialog(existing: CylinderType | null): void {
    const f: TypeFields = {
      name: field("Name", textInput({ testid: "type-name", attrs: { maxlength: "40", placeholder: "e.g. 5 kg domestic" } }), {
        hint: "As staff and customers say it; on every invoice.",
      }),
      category: field(
        "Category",
        select<CylinderCategory>(
          [
            { value: "Domestic", label: "Domestic" },
            { value: "Commercial", label: "Commercial" },
          ],
          existing?.category ?? "Domestic",
          { testid: "type-category" },
        ),
      ),
      price: field("Price with GST (₹)", textInput({ testid: "type-price", attrs: { inputmode: "decimal", size: "10" } }), {
        hint: "What the customer pays: LPG is priced GST-inclusive. ₹1.00 to ₹99,999.99.",
      }),
      gst_rate_bp: field("GST rate (%)", textInput({ testid: "type-gst", attrs: { inputmode: "decimal", size: "6" } }), {
        hint: "Domestic 5 %, commercial 18 %. Half is CGST, half SGST.",
      }),
      hsn: field("HSN code", textInput({ testid: "type-hsn", attrs: { inputmode: "numeric", size: "8", maxlength: "8" } }), { hint: "2711 for LPG." }),
    };
    const active = h("input", { attrs: { type: "checkbox", "data-testid": "type-active" } });
    f.name.control.value = existing?.name ?? "";
    f.price.control.value = existing?.price ?? "";
    f.gst_rate_bp.control.value = existing === null ? USUAL_RATE.Domestic : gstPercentText(existing.gst_rate_bp);
    f.hsn.control.value = existing?.hsn ?? "2711";
    active.checked = existing?.active ?? true;
    // A new type's rate follows its category until staff type one of their own.
    let lastCategory = f.category.control.value as CylinderCategory;
    f.category.control.addEventListener("change", () => {
      const now = f.category.control.value as CylinderCategory;
      if (f.gst_rate_bp.control.value.trim() === USUAL_RATE[lastCategory]) f.gst_rate_bp.control.value = USUAL_RATE[now];
      lastCategory = now;
    });
    formDialog(ctx.host, {
      title: existing === null ? "Add a cylinder type" : `Edit ${existing.name}`,
      testid: "type-dialog",
      intro:
        existing === null
          ? "Cylinders of this type can then be registered, and customers given connections of it."
          : "A new price or rate applies to sales from now on; invoices already issued keep theirs.",
      body: [
        h("div", { class: "admin-form__grid" }, f.name.el, f.category.el, f.price.el, f.gst_rate_bp.el, f.hsn.el),
        h(
          "label",
          { class: "check" },
          active,
          "Active: sold, registered and connected. Untick to stop selling it (its cylinders and invoices stay).",
        ),
      ],
      submitLabel: existing === null ? "Add type" : "Save",
      fields: f,
      async onSubmit() {
        clearErrors(f);
        const typed = Object.fromEntries(Object.entries(f).map(([k, x]: [string, Field]) => [k, x.control.value])) as Record<keyof TypeFields, string>;
        const read = readTypeForm(typed, active.checked);
        if ("problems" in read) {
          reportProblems((Object.keys(f) as Array<keyof TypeFields>).map((k) => [f[k], read.problems[k] ?? null]));
          return false;
        }
        const saved = await ctx.backend.saveCylinderType(existing?.id ?? null, read.input);
        outcome.ok(
          `${existing === null ? "Added" : "Saved"} ${saved.name}: ${formatRupees(saved.price)} with ${gstPercentText(saved.gst_rate_bp)} % GST${saved.active ? "" : " (inactive)"}.`,
        );
        await load();
        ctx.changed();
        return true;
      },
    });
  }

  void load();
  return {
    el: screen(
      "types",
      screenHeader("Cylinder types", "types", add),
      h("p", { class: "admin-muted" }, "Prices include GST. Each cylinder has a type; FIFO, stock and the low-stock warning are per type."),
      outcome.el,
      error.el,
      wrap,
    ),
  };
}
