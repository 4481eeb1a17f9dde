// What an inventory row shows of a cylinder beyond its status: its test-due stamp with a "due"
// badge when it must go for testing, and the hold-back badge with its reason.
import type { Cylinder } from "../../gen/Cylinder";
import { h } from "../../lib/dom";
import { badge } from "../../lib/ui";

/** `C-27`, with a "due" badge once it is due for test (or within the margin setting). */
export function testDueMark(c: Cylinder): HTMLElement {
  const stamp = h(
    "span",
    { class: "admin-code admin-nowrap", attrs: { "data-testid": `test-due-${c.cylinder_code}`, title: c.test_due === null ? "" : `Test due by ${c.test_due}` } },
    c.test_due_stamp ?? "not recorded",
  );
  if (c.test_due_stamp === null) stamp.classList.add("admin-muted");
  const out = h("span", { class: "admin-nowrap" }, stamp);
  if (c.due_for_test) out.append(" ", badge("due", { kind: "due", testid: `due-${c.cylinder_code}` }));
  return out;
}

/** "held back: Leaking — Valve leaks when the cap is off", or nothing. */
export function holdMark(c: Cylinder): HTMLElement | null {
  if (c.hold === null) return null;
  const text = c.hold_reason === "" ? `held back: ${c.hold}` : `held back: ${c.hold} — ${c.hold_reason}`;
  return badge(text, { kind: "held", testid: `held-${c.cylinder_code}` });
}

