// Small building blocks shared by the customer screens and the admin area: buttons, inputs,
// status badges, busy states, headings. All DOM through `h()`: data is only ever text.
// The class names used here are the shared ones documented at the top of styles.css.
// Labelled fields and form messages are in form.ts, the pager in pager.ts.
import { h } from "./dom";
import { t } from "../i18n";

type Child = Node | string;

let idSeq = 0;

/** A document-unique id for label/input/error wiring. */
export function uid(prefix: string): string {
  idSeq += 1;
  return `${prefix}-${idSeq}`;
}

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

/** A `.btn`; `onClick` gets the button itself (to mark it busy, say). */
export function button(
  label: string | Child[],
  onClick: ((btn: HTMLButtonElement, event: MouseEvent) => void) | null,
  opts: ButtonOptions = {},
): HTMLButtonElement {
  const classes = ["btn", `btn--${opts.variant ?? "secondary"}`];
  if (opts.size === "lg") classes.push("btn--lg");
  if (opts.class !== undefined) classes.push(opts.class);
  const attrs: Record<string, string> = { type: opts.type ?? "button", ...(opts.attrs ?? {}) };
  if (opts.testid !== undefined) attrs["data-testid"] = opts.testid;
  const children = typeof label === "string" ? [label] : label;
  const el = h("button", { class: classes.join(" "), attrs }, ...children);
  if (onClick !== null) el.addEventListener("click", (event) => onClick(el, event));
  return el;
}

export interface InputOptions {
  type?: string;
  autocomplete?: string;
  value?: string;
  inputmode?: string;
  testid?: string;
  /** More attributes: placeholder, maxlength, size… */
  attrs?: Record<string, string>;
}

/** A one-line `.input`; browsers' autocorrect and spellcheck stay off (names, codes, IDs). */
export function textInput(opts: InputOptions = {}): HTMLInputElement {
  const input = h("input", { class: "input", attrs: { type: opts.type ?? "text", autocomplete: opts.autocomplete ?? "off", ...(opts.attrs ?? {}) } });
  input.setAttribute("autocapitalize", "off");
  input.setAttribute("spellcheck", "false");
  if (opts.inputmode !== undefined) input.setAttribute("inputmode", opts.inputmode);
  if (opts.testid !== undefined) input.setAttribute("data-testid", opts.testid);
  if (opts.value !== undefined) input.value = opts.value;
  return input;
}

/** A several-line `.input` (3 rows unless `attrs.rows` says otherwise). */
export function textArea(opts: { testid?: string; attrs?: Record<string, string> } = {}): HTMLTextAreaElement {
  const area = h("textarea", { class: "input", attrs: { rows: "3", ...(opts.attrs ?? {}) } });
  if (opts.testid !== undefined) area.setAttribute("data-testid", opts.testid);
  return area;
}

export interface Option<T extends string> {
  value: T;
  label: string;
}

/** A `.select` with the given options, showing `value`. */
export function select<T extends string>(options: ReadonlyArray<Option<T>>, value: T, opts: { testid?: string } = {}): HTMLSelectElement {
  const s = h("select", { class: "input select" }, ...options.map((o) => h("option", { attrs: { value: o.value } }, o.label)));
  if (opts.testid !== undefined) s.setAttribute("data-testid", opts.testid);
  s.value = value;
  return s;
}

/**
 * A status badge: `.badge .badge--<kind>`, the kind in lower case with dashes (`Gas Leak` →
 * `badge--gas-leak`). The kind is the text unless given.
 */
export function badge(text: string, opts: { kind?: string; testid?: string } = {}): HTMLSpanElement {
  const slug = (opts.kind ?? text).toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const el = h("span", { class: `badge badge--${slug}` }, text);
  if (opts.testid !== undefined) el.setAttribute("data-testid", opts.testid);
  return el;
}

export function spinner(): HTMLSpanElement {
  return h("span", { class: "spinner", attrs: { "aria-hidden": "true" } });
}

/** A screen-level "Loading…" line with a spinner (role="status"), by default in the current language. */
export function loadingLine(text = t("common.loading"), testid = "loading"): HTMLElement {
  return h("p", { class: "loading", attrs: { role: "status", "data-testid": testid } }, spinner(), text);
}

/**
 * Runs `work` with `btn` busy, so it cannot be pressed twice: disabled, aria-busy, `.btn--busy`,
 * and with a `busyLabel` a spinner and that label instead of its own (null keeps the label).
 * The button comes back exactly as it was afterwards (a disabled one stays disabled),
 * whatever happened.
 */
export async function withBusy<T>(btn: HTMLButtonElement, busyLabel: string | null, work: () => Promise<T>): Promise<T> {
  const before = Array.from(btn.childNodes);
  const wasDisabled = btn.disabled;
  btn.disabled = true;
  btn.setAttribute("aria-busy", "true");
  btn.classList.add("btn--busy");
  if (busyLabel !== null) btn.replaceChildren(spinner(), busyLabel);
  try {
    return await work();
  } finally {
    btn.disabled = wasDisabled;
    btn.removeAttribute("aria-busy");
    btn.classList.remove("btn--busy");
    if (busyLabel !== null) btn.replaceChildren(...before);
  }
}

/** Runs `fn` once `ms` have passed since the last call (type-ahead search). */
export function debounce(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(fn, ms);
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
