// Registering new cylinders (from the inventory screen): their type (an active one), the
// test-due stamp on their collars (one batch shares one), generated IDs or typed serial numbers,
// and whether they arrive Filled or Empty.
import type { Cylinder } from "../../gen/Cylinder";
import type { CylinderStatus } from "../../gen/CylinderStatus";
import type { CylinderType } from "../../gen/CylinderType";
import type { RegisterCylinders } from "../../gen/RegisterCylinders";
import { h } from "../../lib/dom";
import { clearErrors, field, radioGroup } from "../../lib/form";
import { parseSerials, parseWholeNumber } from "../../lib/parse";
import { parseTestDueStamp } from "../../lib/trade";
import { select, textArea, textInput } from "../../lib/ui";
import type { ScreenContext } from "../context";
import { formDialog } from "../dialogs";

/** The backend registers or marks at most this many at once (domain MAX_BATCH). */
export const MAX_BATCH = 500;

export function openRegister(ctx: ScreenContext, types: CylinderType[], after: (created: Cylinder[], status: CylinderStatus) => Promise<void>): void {
  const active = types.filter((t) => t.active);
  const kind = field(
    "Type",
    select<string>([{ value: "", label: "Choose the type…" }, ...active.map((t) => ({ value: String(t.id), label: t.name }))], active.length === 1 ? String(active[0]?.id) : "", {
      testid: "register-type",
    }),
    { hint: active.length === 0 ? "No type is active: add or activate one on the Cylinder types screen." : "Only active types are registered." },
  );
  const testDue = field("Test-due stamp", textInput({ testid: "register-test-due", attrs: { maxlength: "5", size: "6", placeholder: "C-27" } }), {
    hint: "From the collar: quarter A to D and the year, such as C-27. One batch shares one.",
  });
  const mode = radioGroup<"generate" | "serials">("IDs", "register-mode", [
    { value: "generate", label: "Generate IDs (like ABC123)", testid: "register-mode-generate" },
    { value: "serials", label: "Type serial numbers", testid: "register-mode-serials" },
  ]);
  mode.set("generate");
  const count = field("How many", textInput({ testid: "register-count", attrs: { inputmode: "numeric", size: "6", value: "10" } }), {
    hint: `1 to ${MAX_BATCH} at a time.`,
  });
  const serials = field("Serial numbers", textArea({ testid: "register-serials", attrs: { rows: "6", placeholder: "One serial number a line" } }), {
    hint: "One a line; letters, digits, '-' or '/'.",
    class: "admin-field--wide",
  });
  const state = radioGroup<CylinderStatus>("They arrive", "register-status", [
    { value: "Filled", label: "Filled (ready to hand out)", testid: "register-status-filled" },
    { value: "Empty", label: "Empty (waiting for a refill)", testid: "register-status-empty" },
  ]);
  state.set("Filled");
  const showMode = () => {
    const generate = mode.value() === "generate";
    count.el.hidden = !generate;
    serials.el.hidden = generate;
  };
  for (const input of mode.inputs) input.addEventListener("change", showMode);
  showMode();
  // By the names the backend gives its refusals.
  const fields = { type_id: kind, test_due: testDue, count, serials, status: state };
  formDialog(ctx.host, {
    title: "Register cylinders",
    testid: "inventory-register-dialog",
    body: [h("div", { class: "admin-form__grid" }, kind.el, testDue.el), mode.el, count.el, serials.el, state.el],
    submitLabel: "Register",
    fields,
    async onSubmit(d) {
      clearErrors(fields);
      d.notice.clear();
      const status = state.value() ?? "Filled";
      // Every problem beside its field at once; focus goes to the first.
      const problems: Array<[{ setError(m: string | null): void }, HTMLElement, string]> = [];
      const typeId = Number(kind.control.value);
      if (kind.control.value === "") problems.push([kind, kind.control, "Choose the cylinders' type."]);
      const stamp = parseTestDueStamp(testDue.control.value);
      if ("error" in stamp) problems.push([testDue, testDue.control, stamp.error]);
      const generate = mode.value() !== "serials";
      const parsedCount = parseWholeNumber(count.control.value, 1, MAX_BATCH, "number of cylinders");
      const parsedSerials = parseSerials(serials.control.value, MAX_BATCH);
      if (generate && "error" in parsedCount) problems.push([count, count.control, parsedCount.error]);
      if (!generate && "error" in parsedSerials) problems.push([serials, serials.control, parsedSerials.error]);
      for (const [f, , message] of problems) f.setError(message);
      problems[0]?.[1].focus();
      if (problems.length > 0 || "error" in stamp) return false;
      const input: RegisterCylinders = generate
        ? { serials: [], count: "value" in parsedCount ? parsedCount.value : 0, status, type_id: typeId, test_due: stamp.value }
        : { serials: "value" in parsedSerials ? parsedSerials.value : [], count: "value" in parsedSerials ? parsedSerials.value.length : 0, status, type_id: typeId, test_due: stamp.value };
      const created = await ctx.backend.registerCylinders(input);
      await after(created, status);
      return true;
    },
  });
}
