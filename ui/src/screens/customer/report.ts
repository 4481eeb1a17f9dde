// Report an issue. Choosing "Gas Leak" shows the safety instructions and the helpline at
// once, before anything is submitted: the person may be standing next to a leak.
import type { Complaint } from "../../gen/Complaint";
import type { IssueType } from "../../gen/IssueType";
import type { Screen } from "../../lib/screen";
import { h } from "../../lib/dom";
import { button } from "../../lib/ui";
import { field, handleSubmit, messageLine } from "../../lib/form";
import { charCount, DESCRIPTION_MAX, validateComplaint } from "../../lib/validate";
import { customerFrame } from "./common";
import type { CustomerContext } from "./context";

export const ISSUE_TYPES: readonly IssueType[] = ["Gas Leak", "Billing Issue", "Regulator Issue", "Other"];

/** The red safety panel for a gas leak, with the helpline in large type. */
export function gasLeakPanel(helpline: string): HTMLElement {
  return h(
    "section",
    { class: "safety", attrs: { role: "alert", "aria-labelledby": "safety-title", "data-testid": "gas-leak-panel" } },
    h("h2", { class: "safety__title", id: "safety-title" }, "⚠ Gas leak: act now, stay safe"),
    h(
      "ol",
      { class: "safety__steps" },
      h("li", {}, h("strong", {}, "Turn off the regulator"), " and the cylinder valve."),
      h("li", {}, h("strong", {}, "No flames, no sparks:"), " do not light a match or a lighter, and do not touch electric switches or plugs."),
      h("li", {}, h("strong", {}, "Open doors and windows"), " to let the gas out."),
      h("li", {}, h("strong", {}, "Leave the area"), " and keep everyone away."),
      h("li", {}, h("strong", {}, "Call the emergency helpline"), " from outside:"),
    ),
    h(
      "p",
      { class: "safety__helpline" },
      h("span", { class: "safety__helpline-label" }, "Emergency helpline"),
      h("a", { class: "safety__number", attrs: { href: `tel:${helpline.replace(/[^0-9+]/g, "")}`, "data-testid": "gas-leak-helpline" } }, helpline),
    ),
  );
}

function filedPanel(ctx: CustomerContext, complaint: Complaint): HTMLElement {
  const panel = h(
    "div",
    { class: "message message--success filed", attrs: { role: "status", "data-testid": "complaint-success", tabindex: "-1" } },
    h("h2", { class: "filed__title" }, "Thank you — we have your complaint"),
    h(
      "p",
      {},
      `Complaint number ${String(complaint.id)} (${complaint.issue_type}) is `,
      h("strong", {}, complaint.status),
      ". You can follow it under My Complaints.",
    ),
    h(
      "div",
      { class: "screen__actions" },
      button("My Complaints", () => ctx.go.complaints(), { variant: "primary", size: "lg", testid: "complaint-go-list" }),
      button("Home", () => ctx.go.home(), { size: "lg", testid: "complaint-go-home" }),
    ),
  );
  return panel;
}

export function reportScreen(ctx: CustomerContext): Screen {
  const select = h("select", { class: "input select" });
  select.append(h("option", { attrs: { value: "" } }, "Choose the kind of problem…"));
  for (const type of ISSUE_TYPES) select.append(h("option", { attrs: { value: type } }, type));
  const type = field("What is the problem about?", select, { testid: "complaint-type", name: "issue_type" });

  const counter = h("span", { class: "counter", attrs: { "data-testid": "complaint-count", "aria-live": "polite" } });
  const textarea = h("textarea", { class: "input textarea", attrs: { rows: "6" } });
  const description = field("Describe the problem", textarea, {
    testid: "complaint-description",
    name: "description",
    hint: h("span", { class: "field__hint-row" }, h("span", {}, "Where, since when, what you noticed."), counter),
  });

  const safetySlot = h("div", { class: "report__safety" });
  const formError = messageLine("complaint-error");
  const submit = button("Send complaint", null, { variant: "primary", size: "lg", type: "submit", testid: "complaint-submit" });
  const fields = { issue_type: type, description };

  const updateCount = (): void => {
    const n = charCount(textarea.value);
    counter.textContent = `${n} / ${DESCRIPTION_MAX}`;
    counter.classList.toggle("counter--over", n > DESCRIPTION_MAX);
  };
  updateCount();
  textarea.addEventListener("input", updateCount);

  const updateSafety = (): void => {
    const leak = select.value === "Gas Leak";
    const shown = safetySlot.firstElementChild !== null;
    if (leak && !shown) safetySlot.replaceChildren(gasLeakPanel(ctx.settings.emergency_helpline));
    if (!leak && shown) safetySlot.replaceChildren();
    submit.textContent = leak ? "Report the gas leak" : "Send complaint";
    submit.classList.toggle("btn--danger", leak);
    submit.classList.toggle("btn--primary", !leak);
  };
  // `input` fires as soon as a choice is made (also on keyboard arrows); `change` for safety.
  select.addEventListener("input", updateSafety);
  select.addEventListener("change", updateSafety);

  const form = h(
    "form",
    { class: "card report__form", attrs: { novalidate: "", "data-testid": "complaint-form" } },
    type.el,
    safetySlot,
    description.el,
    formError.el,
    h("div", { class: "screen__actions" }, button("Cancel", () => ctx.go.home(), { variant: "ghost", size: "lg", testid: "complaint-cancel-form" }), submit),
  );
  const body = h("div", { class: "report" }, form);

  handleSubmit(form, {
    submit,
    busyLabel: "Sending…",
    fields,
    formMessage: formError,
    check: () => validateComplaint(select.value, textarea.value),
    async send() {
      const issue = ISSUE_TYPES.find((t) => t === select.value);
      if (issue === undefined) return;
      const complaint = await ctx.backend.fileComplaint(issue, textarea.value.trim());
      const done = filedPanel(ctx, complaint);
      // A gas leak keeps its safety panel on screen after sending.
      body.replaceChildren(...(issue === "Gas Leak" ? [gasLeakPanel(ctx.settings.emergency_helpline)] : []), done);
      done.focus();
    },
  });

  return {
    title: "Report an issue",
    el: customerFrame(ctx, "Report an issue", "report", body, { lead: "Tell us what is wrong. Staff will look at it and you can follow it here." }),
    focus: select,
  };
}
