// One cylinder's safety actions on the inventory screen: hold it back as Defective or Leaking
// (a reason is required), release it, or record the test-due stamp on its collar. A held-back
// or due cylinder is never handed out; the backend refuses a hold on one with a customer.
import type { Cylinder } from "../../gen/Cylinder";
import type { HoldReason } from "../../gen/HoldReason";
import { h } from "../../lib/dom";
import { clearErrors, field, radioGroup } from "../../lib/form";
import { parseTestDueStamp } from "../../lib/trade";
import { textArea, textInput } from "../../lib/ui";
import { checkRequiredLine } from "../../lib/validate";
import type { ScreenContext } from "../context";
import { formDialog } from "../dialogs";

/** What the screen does with a cylinder a dialog changed (say so, reload the list). */
export type AfterChange = (changed: Cylinder, said: string) => Promise<void>;

export function openHoldBack(ctx: ScreenContext, c: Cylinder, after: AfterChange): void {
  const why = radioGroup<HoldReason>("What is wrong", "hold", [
    { value: "Leaking", label: "Leaking", testid: "hold-leaking" },
    { value: "Defective", label: "Defective (valve, foot ring, body)", testid: "hold-defective" },
  ]);
  const reason = field("Reason", textArea({ testid: "hold-reason", attrs: { rows: "2", maxlength: "300" } }), {
    hint: "Required: what was found, for the plant and the audit log.",
    class: "admin-field--wide",
  });
  const fields = { hold: why, reason };
  formDialog(ctx.host, {
    title: `Hold back cylinder ${c.cylinder_code}`,
    testid: "hold-dialog",
    intro: "It stays in the yard, is never handed out, and is listed under “Due for test / held back” until it is released.",
    body: [why.el, reason.el],
    submitLabel: "Hold back",
    submitKind: "danger",
    fields,
    async onSubmit() {
      clearErrors(fields);
      const kind = why.value();
      const problem = checkRequiredLine(reason.control.value, "reason", 300);
      if (kind === null) why.setError("Choose Leaking or Defective.");
      if (problem !== null) reason.setError(problem);
      if (kind === null) {
        why.inputs[0]?.focus();
        return false;
      }
      if (problem !== null) {
        reason.control.focus();
        return false;
      }
      const held = await ctx.backend.holdCylinder(c.id, kind, reason.control.value.trim());
      await after(held, `Cylinder ${held.cylinder_code} is held back (${kind}); it will not be handed out.`);
      return true;
    },
  });
}

export function openRelease(ctx: ScreenContext, c: Cylinder, after: AfterChange): void {
  formDialog(ctx.host, {
    title: `Release cylinder ${c.cylinder_code}?`,
    testid: "release-dialog",
    intro: `Held back: ${c.hold ?? ""}${c.hold_reason === "" ? "" : ` — ${c.hold_reason}`}. Release it only once it has been repaired or tested; it can then be handed out again.`,
    body: [],
    submitLabel: "Release",
    async onSubmit() {
      const released = await ctx.backend.holdCylinder(c.id, null, "");
      await after(released, `Cylinder ${released.cylinder_code} is released${released.due_for_test ? ", but it is still due for test" : ""}.`);
      return true;
    },
  });
}

export function openSetTestDue(ctx: ScreenContext, c: Cylinder, after: AfterChange): void {
  const stamp = field("Test-due stamp", textInput({ testid: "test-due-stamp", attrs: { maxlength: "5", size: "6", placeholder: "C-27" } }), {
    hint: "As stamped on the collar: quarter A (Jan–Mar) to D (Oct–Dec) and the year, such as C-27.",
  });
  stamp.control.value = c.test_due_stamp ?? "";
  const fields = { test_due: stamp };
  formDialog(ctx.host, {
    title: `Test date of cylinder ${c.cylinder_code}`,
    testid: "test-due-dialog",
    intro: h("span", {}, c.test_due_stamp === null ? "Not recorded yet." : `Now ${c.test_due_stamp} (due by ${c.test_due ?? "?"}).`, " Record the new stamp after its test at the plant."),
    body: [stamp.el],
    submitLabel: "Save",
    fields,
    async onSubmit() {
      clearErrors(fields);
      const parsed = parseTestDueStamp(stamp.control.value);
      if ("error" in parsed) {
        stamp.setError(parsed.error);
        stamp.control.focus();
        return false;
      }
      const saved = await ctx.backend.setTestDue(c.id, parsed.value);
      await after(saved, `Cylinder ${saved.cylinder_code}: test due ${saved.test_due_stamp ?? parsed.value}${saved.due_for_test ? " — still due, not handed out" : ""}.`);
      return true;
    },
  });
}
