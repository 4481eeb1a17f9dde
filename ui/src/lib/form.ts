// Labelled fields and what a form says back: the error line under a control, a radio group,
// the form-level message line, the admin's outcome notice, and one way to show a failed
// command's error beside the field it names. All DOM through `h()`.
import { type ApiError, toApiError } from "../api/error";
import { h } from "./dom";
import { type Option, uid, withBusy } from "./ui";
import type { FieldErrors } from "./validate";

type Child = Node | string;

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface Field<C extends Control = Control> {
  /** The wrapper (`.field`): label, control, hint, error line. */
  readonly el: HTMLElement;
  readonly control: C;
  /** Shows a message under the control (role="alert"), or clears it with null. */
  setError(message: string | null): void;
}

export interface FieldOptions {
  /** Sets the control's data-testid (default: the one it has); the error line gets `<testid>-error`. */
  testid?: string;
  hint?: Child;
  name?: string;
  /** Extra classes on the wrapper, e.g. `admin-field--wide`. */
  class?: string;
}

/**
 * A labelled control. The error line sits right under the control, is announced when it
 * appears (role="alert") and is tied to the control with aria-describedby only while it shows,
 * so a screen reader never reads out an empty or stale error.
 */
export function field<C extends Control>(label: string, control: C, opts: FieldOptions = {}): Field<C> {
  const id = control.id !== "" ? control.id : uid("f");
  control.id = id;
  if (opts.name !== undefined) control.name = opts.name;
  if (opts.testid !== undefined) control.setAttribute("data-testid", opts.testid);
  const testid = control.getAttribute("data-testid");
  const errorId = `${id}-error`;
  const error = h("p", { class: "field__error", id: errorId, attrs: { role: "alert" } });
  error.hidden = true;
  if (testid !== null) error.setAttribute("data-testid", `${testid}-error`);
  const parts: Node[] = [h("label", { class: "field__label", attrs: { for: id } }, label), control];
  const described: string[] = [];
  if (opts.hint !== undefined) {
    const hintId = `${id}-hint`;
    parts.push(h("p", { class: "field__hint", id: hintId }, opts.hint));
    described.push(hintId);
  }
  parts.push(error);
  if (described.length > 0) control.setAttribute("aria-describedby", described.join(" "));
  const el = h("div", { class: opts.class === undefined ? "field" : `field ${opts.class}` }, ...parts);
  return {
    el,
    control,
    setError(message) {
      error.textContent = message ?? "";
      error.hidden = message === null;
      el.classList.toggle("field--invalid", message !== null);
      if (message === null) {
        control.removeAttribute("aria-invalid");
        if (described.length === 0) control.removeAttribute("aria-describedby");
        else control.setAttribute("aria-describedby", described.join(" "));
      } else {
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", [...described, errorId].join(" "));
      }
    },
  };
}

/** A group of radio buttons with one legend and one error line. */
export interface RadioGroup<T extends string> {
  readonly el: HTMLElement;
  readonly inputs: HTMLInputElement[];
  value(): T | null;
  set(value: T | null): void;
  setError(message: string | null): void;
}

export function radioGroup<T extends string>(legend: string, name: string, options: ReadonlyArray<Option<T> & { testid: string }>): RadioGroup<T> {
  const error = h("p", { class: "field__error", attrs: { role: "alert", "data-testid": `${name}-error` } });
  error.hidden = true;
  const inputs = options.map((o) => h("input", { attrs: { type: "radio", name, value: o.value, "data-testid": o.testid, id: uid(name) } }));
  const labels = options.map((o, i) => {
    const input = inputs[i] as HTMLInputElement;
    return h("label", { class: "admin-radio", attrs: { for: input.id } }, input, o.label);
  });
  const el = h("fieldset", { class: "field admin-fieldset" }, h("legend", {}, legend), h("div", { class: "admin-radio-row" }, ...labels), error);
  return {
    el,
    inputs,
    value() {
      const checked = inputs.find((i) => i.checked);
      return checked === undefined ? null : (checked.value as T);
    },
    set(value) {
      for (const i of inputs) i.checked = i.value === value;
    },
    setError(message) {
      error.textContent = message ?? "";
      error.hidden = message === null;
    },
  };
}

/** Where a form says something that belongs to no one field (null clears it). */
export interface FormMessage {
  show(text: string | null): void;
}

/** A form-level message line (errors with no field, or a notice), hidden while empty. */
export function messageLine(testid: string, kind: "error" | "info" | "success" = "error"): FormMessage & { el: HTMLParagraphElement } {
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

export interface Notice extends FormMessage {
  readonly el: HTMLElement;
  ok(text: string, ...more: Node[]): void;
  info(text: string, ...more: Node[]): void;
  error(text: string): void;
  clear(): void;
}

/** The admin screens' outcome line (polite live region): ok, info or error; `show` shows an error. */
export function notice(testid: string): Notice {
  const el = h("div", { class: "admin-notice", attrs: { "data-testid": testid, "aria-live": "polite" } });
  el.hidden = true;
  const put = (kind: string, text: string, more: Node[]): void => {
    el.className = `admin-notice admin-notice--${kind}`;
    el.replaceChildren(h("span", {}, text), ...more);
    el.hidden = false;
  };
  const clear = (): void => {
    el.hidden = true;
    el.replaceChildren();
  };
  return {
    el,
    ok: (text, ...more) => put("ok", text, more),
    info: (text, ...more) => put("info", text, more),
    error: (text) => put("error", text, []),
    clear,
    show: (text) => (text === null ? clear() : put("error", text, [])),
  };
}

type ErrorTarget = Field | RadioGroup<string>;

/**
 * Shows a failed command's message beside the field it names, when that field is on the form
 * (and focuses it), else in the form's message line. Returns the error as an ApiError. A
 * `Forbidden` or `NotLoggedIn` needs nothing more here: the shell is already moving on.
 */
export function showError(
  raw: unknown,
  formMessage: FormMessage,
  fields: Partial<Record<string, ErrorTarget>> = {},
  describe: (error: ApiError) => string = (error) => error.message,
): ApiError {
  const error = toApiError(raw);
  const target = error.field === undefined ? undefined : fields[error.field];
  const text = describe(error);
  if (target !== undefined) {
    target.setError(text);
    if ("control" in target) target.control.focus();
    else target.inputs[0]?.focus();
    formMessage.show(null);
  } else {
    formMessage.show(text);
  }
  return error;
}

/** Applies client-side check results; focuses the first bad field. Returns true if any. */
export function applyFieldErrors(errors: FieldErrors, fields: Record<string, Field>): boolean {
  let first: Field | undefined;
  for (const [name, f] of Object.entries(fields)) {
    const message = errors[name];
    f.setError(message ?? null);
    if (message !== undefined && first === undefined) first = f;
  }
  first?.control.focus();
  return first !== undefined;
}

/** Clears every field's error line. */
export function clearErrors(fields: Partial<Record<string, ErrorTarget>>): void {
  for (const f of Object.values(fields)) f?.setError(null);
}

export interface SubmitOptions {
  submit: HTMLButtonElement;
  /** What the submit button says while the form is being sent ("Logging in…"). */
  busyLabel: string;
  fields: Record<string, Field>;
  formMessage: FormMessage;
  /** The client-side checks; the form is sent only when they find nothing. */
  check(): FieldErrors;
  send(): Promise<void>;
  /** After a refused send has been shown beside its field or in the form's line. */
  onRefused?(error: ApiError): void;
  /** The words for a refusal (customer forms: the catalog's line); default the backend's message. */
  describe?(error: ApiError): string;
}

/**
 * Handles a form's submit the one way the customer and shell forms do: checks first (each
 * problem beside its field), then sends with the submit button busy, and shows a refusal
 * beside the field it names or in the form's message line. A second press while busy is ignored.
 */
export function handleSubmit(form: HTMLFormElement, opts: SubmitOptions): void {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (opts.submit.disabled) return;
    opts.formMessage.show(null);
    if (applyFieldErrors(opts.check(), opts.fields)) return;
    void withBusy(opts.submit, opts.busyLabel, async () => {
      try {
        await opts.send();
      } catch (raw) {
        const error = showError(raw, opts.formMessage, opts.fields, opts.describe);
        opts.onRefused?.(error);
      }
    });
  });
}
