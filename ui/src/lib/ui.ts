// Small building blocks shared by the screens: buttons, labelled fields with their error
// line, status badges, busy states, the pager. All DOM through `h()`: data is only ever text.
// The class names used here are the shared ones documented at the top of styles.css.
import { ApiError } from "../api/error";
import { h } from "./dom";
import type { FieldErrors } from "./validate";

type Child = Node | string;

export interface ButtonOptions {
  /** `primary` (the main action), `secondary` (default), `danger`, `ghost` (quiet, e.g. "Back"). */
  variant?: "primary" | "secondary" | "danger" | "ghost";
  /** `lg`: the big kiosk buttons. */
  size?: "md" | "lg";
  testid?: string;
  type?: "button" | "submit";
  /** Extra classes. */
  class?: string;
  attrs?: Record<string, string>;
}

export function button(label: string | Child[], onClick: ((event: MouseEvent) => void) | null, opts: ButtonOptions = {}): HTMLButtonElement {
  const classes = ["btn", `btn--${opts.variant ?? "secondary"}`];
  if (opts.size === "lg") classes.push("btn--lg");
  if (opts.class !== undefined) classes.push(opts.class);
  const attrs: Record<string, string> = { type: opts.type ?? "button", ...(opts.attrs ?? {}) };
  if (opts.testid !== undefined) attrs["data-testid"] = opts.testid;
  const children = typeof label === "string" ? [label] : label;
  const el = h("button", { class: classes.join(" "), attrs }, ...children);
  if (onClick !== null) el.addEventListener("click", onClick);
  return el;
}

let fieldSeq = 0;

/** A unique id for label/input/error wiring. */
export function uid(prefix: string): string {
  fieldSeq += 1;
  return `${prefix}-${fieldSeq}`;
}

export interface Field<T extends HTMLElement> {
  /** The wrapper (`.field`): label, control, hint, error line. */
  el: HTMLDivElement;
  control: T;
  /** Shows a message under the control (role="alert"), or clears it with null. */
  setError(message: string | null): void;
}

/**
 * A labelled control. The error line sits right under the control, is announced when it
 * appears (role="alert") and is tied to the control with aria-describedby.
 */
export function field<T extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
  label: string,
  control: T,
  opts: { testid?: string; hint?: Child; name?: string } = {},
): Field<T> {
  const id = uid("f");
  control.id = id;
  if (opts.name !== undefined) control.name = opts.name;
  if (opts.testid !== undefined) control.setAttribute("data-testid", opts.testid);
  const errorId = `${id}-error`;
  const error = h("p", { class: "field__error", id: errorId, attrs: { role: "alert" } });
  error.hidden = true;
  if (opts.testid !== undefined) error.setAttribute("data-testid", `${opts.testid}-error`);
  const parts: Node[] = [h("label", { class: "field__label", attrs: { for: id } }, label), control];
  const described: string[] = [];
  if (opts.hint !== undefined) {
    const hintId = `${id}-hint`;
    parts.push(h("p", { class: "field__hint", id: hintId }, opts.hint));
    described.push(hintId);
  }
  parts.push(error);
  if (described.length > 0) control.setAttribute("aria-describedby", described.join(" "));
  const el = h("div", { class: "field" }, ...parts);
  return {
    el,
    control,
    setError(message) {
      error.textContent = message ?? "";
      error.hidden = message === null;
      el.classList.toggle("field--invalid", message !== null);
      if (message === null) {
        control.removeAttribute("aria-invalid");
        control.setAttribute("aria-describedby", described.join(" "));
        if (described.length === 0) control.removeAttribute("aria-describedby");
      } else {
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", [...described, errorId].join(" "));
      }
    },
  };
}

export function textInput(opts: { type?: string; autocomplete?: string; value?: string; inputmode?: string } = {}): HTMLInputElement {
  const input = h("input", { class: "input", attrs: { type: opts.type ?? "text", autocomplete: opts.autocomplete ?? "off" } });
  input.setAttribute("autocapitalize", "off");
  input.setAttribute("spellcheck", "false");
  if (opts.inputmode !== undefined) input.setAttribute("inputmode", opts.inputmode);
  if (opts.value !== undefined) input.value = opts.value;
  return input;
}

/** A form-level message (errors with no field, or a notice), hidden while empty. */
export function messageLine(testid: string, kind: "error" | "info" | "success" = "error"): {
  el: HTMLParagraphElement;
  show(text: string | null): void;
} {
  const el = h("p", { class: `message message--${kind}`, attrs: { "data-testid": testid, role: kind === "error" ? "alert" : "status" } });
  el.hidden = true;
  return {
    el,
    show(text) {
      el.textContent = text ?? "";
      el.hidden = text === null;
    },
  };
}

/**
 * Shows a failed command's message: beside its field when the backend named one we show,
 * else in the form's message line. Returns false for errors that are not ApiErrors.
 */
export function showApiError(error: unknown, fields: Record<string, Field<HTMLElement>>, formLine: { show(text: string | null): void }): void {
  const apiError = error instanceof ApiError ? error : new ApiError("Unreachable", error instanceof Error ? error.message : String(error));
  const target = apiError.field !== undefined ? fields[apiError.field] : undefined;
  if (target !== undefined) {
    target.setError(apiError.message);
    target.control.focus();
  } else {
    formLine.show(apiError.message);
  }
}

/** Applies client-side check results; focuses the first bad field. Returns true if any. */
export function applyFieldErrors(errors: FieldErrors, fields: Record<string, Field<HTMLElement>>): boolean {
  let first: Field<HTMLElement> | undefined;
  for (const [name, f] of Object.entries(fields)) {
    const message = errors[name];
    f.setError(message ?? null);
    if (message !== undefined && first === undefined) first = f;
  }
  first?.control.focus();
  return first !== undefined;
}

/**
 * Runs `work` with `btn` in a busy state: disabled, aria-busy, a spinner and a waiting label.
 * The button comes back as it was afterwards, whatever happened.
 */
export async function withBusy<T>(btn: HTMLButtonElement, busyLabel: string, work: () => Promise<T>): Promise<T> {
  const before = Array.from(btn.childNodes);
  const wasDisabled = btn.disabled;
  btn.disabled = true;
  btn.setAttribute("aria-busy", "true");
  btn.classList.add("btn--busy");
  btn.replaceChildren(spinner(), busyLabel);
  try {
    return await work();
  } finally {
    btn.disabled = wasDisabled;
    btn.removeAttribute("aria-busy");
    btn.classList.remove("btn--busy");
    btn.replaceChildren(...before);
  }
}

export function spinner(): HTMLSpanElement {
  return h("span", { class: "spinner", attrs: { "aria-hidden": "true" } });
}

/** A screen-level "Loading…" line with a spinner (role="status"). */
export function loadingLine(text = "Loading…", testid = "loading"): HTMLElement {
  return h("p", { class: "loading", attrs: { role: "status", "data-testid": testid } }, spinner(), text);
}

/** A status badge: `.badge .badge--filled`, `.badge--pending`, … */
export function badge(status: string, testid?: string): HTMLSpanElement {
  const el = h("span", { class: `badge badge--${status.toLowerCase().replace(/[^a-z]+/g, "-")}` }, status);
  if (testid !== undefined) el.setAttribute("data-testid", testid);
  return el;
}

/** A `.pager`: Previous / "Page n" / Next. */
export function pager(prefix: string, onPrevious: () => void, onNext: () => void): {
  el: HTMLElement;
  update(state: { canBack: boolean; canOn: boolean; label: string }): void;
} {
  const prev = button("← Previous", onPrevious, { testid: `${prefix}-prev` });
  const next = button("Next →", onNext, { testid: `${prefix}-next` });
  const label = h("span", { class: "pager__label", attrs: { "data-testid": `${prefix}-page`, "aria-live": "polite" } });
  const el = h("nav", { class: "pager", attrs: { "aria-label": "Pages" } }, prev, label, next);
  return {
    el,
    update({ canBack, canOn, label: text }) {
      prev.disabled = !canBack;
      next.disabled = !canOn;
      label.textContent = text;
      el.hidden = !canBack && !canOn;
    },
  };
}

/** A definition row for receipts and summaries. */
export function detail(term: string, value: Child, testid?: string): HTMLDivElement {
  const dd = h("dd", {}, value);
  if (testid !== undefined) dd.setAttribute("data-testid", testid);
  return h("div", { class: "details__row" }, h("dt", {}, term), dd);
}

/** A screen's heading: focusable (tabindex -1) so moving to a screen can put focus on it. */
export function screenHeading(text: string, testid?: string): HTMLHeadingElement {
  const el = h("h1", { class: "screen__title", attrs: { tabindex: "-1" } }, text);
  if (testid !== undefined) el.setAttribute("data-testid", testid);
  return el;
}
