// Report an issue. Choosing "Gas Leak" shows the safety instructions and the helpline at
// once, before anything is submitted: the person may be standing next to a leak.
import type { Complaint } from "../../gen/Complaint";
import type { IssueType } from "../../gen/IssueType";
import type { Screen } from "../../lib/screen";
import { h } from "../../lib/dom";
import { button } from "../../lib/ui";
import { t, type MessageKey } from "../../i18n";
import { tNodes } from "../../i18n/nodes";
import { field, handleSubmit, messageLine } from "../../lib/form";
import { charCount, DESCRIPTION_MAX, type FieldErrors } from "../../lib/validate";
import { customerErrorText } from "../../i18n/errors";
import { customerFrame } from "./common";
import type { CustomerContext } from "./context";

// The stable values the backend stores; each is shown by its catalog name (issueName).
export const ISSUE_TYPES: readonly IssueType[] = ["Gas Leak", "Billing Issue", "Regulator Issue", "Other"]; // i18n-ignore: stored values

/** Each issue type's name in the catalog (the value sent stays the stable English name). */
const ISSUE_KEYS: Record<IssueType, MessageKey> = {
  "Gas Leak": "issue.gasLeak",
  "Billing Issue": "issue.billing",
  "Regulator Issue": "issue.regulator",
  Other: "issue.other",
};

/** An issue type in the chosen language. */
export function issueName(type: IssueType): string {
  return t(ISSUE_KEYS[type]);
}

/** The report form's checks, in the chosen language: a type chosen, a description of 1–1000 characters. */
export function checkComplaint(issueType: string, description: string): FieldErrors {
  const errors: FieldErrors = {};
  if (issueType === "") errors["issue_type"] = t("report.needType");
  const count = charCount(description.trim());
  if (count === 0) errors["description"] = t("report.needDescription");
  else if (count > DESCRIPTION_MAX) errors["description"] = t("report.tooLong", { max: DESCRIPTION_MAX, count });
  return errors;
}

/**
 * The red safety panel for a gas leak. The helpline comes first, right under the title, in
 * large type: in an emergency the number must be on screen at once, and below five steps it fell
 * under the fold of a 1280x720 kiosk in Hindi. The steps follow; the last points back up to it.
 */
/** The gas-leak steps, one sentence each, its first words in bold (`**…**` in the catalog). */
const SAFETY_STEPS: readonly MessageKey[] = ["safety.regulator", "safety.flames", "safety.windows", "safety.leave", "safety.call"];

export function gasLeakPanel(helpline: string): HTMLElement {
  return h(
    "section",
    { class: "safety", attrs: { role: "alert", "aria-labelledby": "safety-title", "data-testid": "gas-leak-panel" } },
    h("h2", { class: "safety__title", id: "safety-title" }, t("safety.title")),
    h(
      "p",
      { class: "safety__helpline" },
      h("span", { class: "safety__helpline-label" }, t("safety.helpline")),
      h("a", { class: "safety__number", attrs: { href: `tel:${helpline.replace(/[^0-9+]/g, "")}`, "data-testid": "gas-leak-helpline" } }, helpline),
    ),
    h(
      "ol",
      { class: "safety__steps" },
      ...SAFETY_STEPS.map((key) => h("li", {}, ...tNodes(key))),
    ),
  );
}

function filedPanel(ctx: CustomerContext, complaint: Complaint): HTMLElement {
  const panel = h(
    "div",
    { class: "message message--success filed", attrs: { role: "status", "data-testid": "complaint-success", tabindex: "-1" } },
    h("h2", { class: "filed__title" }, t("report.filedTitle")),
    h(
      "p",
      {},
      ...tNodes("report.filed", { id: String(complaint.id), type: issueName(complaint.issue_type), status: t(`status.${complaint.status}`) }),
    ),
    h(
      "div",
      { class: "screen__actions" },
      button(t("home.complaints"), () => ctx.go.complaints(), { variant: "primary", size: "lg", testid: "complaint-go-list" }),
      button(t("home.title"), () => ctx.go.home(), { size: "lg", testid: "complaint-go-home" }),
    ),
  );
  return panel;
}

export function reportScreen(ctx: CustomerContext): Screen {
  const select = h("select", { class: "input select" });
  select.append(h("option", { attrs: { value: "" } }, t("report.choose")));
  for (const type of ISSUE_TYPES) select.append(h("option", { attrs: { value: type } }, issueName(type)));
  const type = field(t("report.typeLabel"), select, { testid: "complaint-type", name: "issue_type" });

  const counter = h("span", { class: "counter", attrs: { "data-testid": "complaint-count", "aria-live": "polite" } });
  const textarea = h("textarea", { class: "input textarea", attrs: { rows: "6" } });
  const description = field(t("report.describe"), textarea, {
    testid: "complaint-description",
    name: "description",
    hint: h("span", { class: "field__hint-row" }, h("span", {}, t("report.hint")), counter),
  });

  const safetySlot = h("div", { class: "report__safety" });
  const formError = messageLine("complaint-error");
  const submit = button(t("report.send"), null, { variant: "primary", size: "lg", type: "submit", testid: "complaint-submit" });
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
    submit.textContent = leak ? t("report.sendLeak") : t("report.send");
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
    h("div", { class: "screen__actions" }, button(t("common.cancel"), () => ctx.go.home(), { variant: "ghost", size: "lg", testid: "complaint-cancel-form" }), submit),
  );
  const body = h("div", { class: "report" }, form);

  handleSubmit(form, {
    submit,
    busyLabel: t("report.sending"),
    fields,
    formMessage: formError,
    describe: customerErrorText,
    check: () => checkComplaint(select.value, textarea.value),
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
    title: t("report.title"),
    el: customerFrame(ctx, t("report.title"), "report", body, { lead: t("report.lead") }),
    focus: select,
  };
}
