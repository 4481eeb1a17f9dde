// Small building blocks shared by the admin screens: labelled fields with their error line,
// buttons with a busy state, notices, dialogs, tables and the pager. All DOM is built with
// `h()`: text from the backend is only ever set as text.
import { ApiError, toApiError } from "../api/error";
import type { Page } from "../gen/Page";
import type { PageRequest } from "../gen/PageRequest";
import { h } from "../lib/dom";
import * as paging from "./paging";

let counter = 0;

/** A document-unique id for label/aria wiring. */
export function uid(prefix: string): string {
  counter += 1;
  return `admin-${prefix}-${counter}`;
}

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

// ----- controls -------------------------------------------------------------------------

export type ButtonKind = "primary" | "danger" | "secondary" | "quiet";

export function button(label: string, testid: string, kind: ButtonKind = "secondary", onClick?: (b: HTMLButtonElement) => void): HTMLButtonElement {
  const classes: Record<ButtonKind, string> = {
    primary: "btn btn--primary",
    danger: "btn btn--danger",
    secondary: "btn btn--secondary",
    quiet: "btn btn--ghost",
  };
  const b = h("button", { class: classes[kind], attrs: { type: "button", "data-testid": testid } }, label);
  if (onClick !== undefined) b.addEventListener("click", () => onClick(b));
  return b;
}

export function submitButton(label: string, testid: string, kind: ButtonKind = "primary"): HTMLButtonElement {
  const b = button(label, testid, kind);
  b.type = "submit";
  return b;
}

export function textInput(testid: string, attrs: Record<string, string> = {}): HTMLInputElement {
  return h("input", { class: "input", attrs: { type: "text", autocomplete: "off", spellcheck: "false", "data-testid": testid, ...attrs } });
}

export function textArea(testid: string, attrs: Record<string, string> = {}): HTMLTextAreaElement {
  return h("textarea", { class: "input", attrs: { rows: "3", "data-testid": testid, ...attrs } });
}

export interface Option<T extends string> {
  value: T;
  label: string;
}

export function select<T extends string>(testid: string, options: ReadonlyArray<Option<T>>, value: T): HTMLSelectElement {
  const s = h("select", { class: "input select", attrs: { "data-testid": testid } }, ...options.map((o) => h("option", { attrs: { value: o.value } }, o.label)));
  s.value = value;
  return s;
}

// ----- labelled fields ------------------------------------------------------------------

export interface Field<C extends Control = Control> {
  /** The `.field` element: label, control, hint and error line. */
  readonly row: HTMLElement;
  readonly control: C;
  /** Shows (or clears, with null) the problem beside the control. */
  setError(message: string | null): void;
}

export function field<C extends Control>(label: string, control: C, opts: { hint?: string; wide?: boolean } = {}): Field<C> {
  const id = control.id !== "" ? control.id : uid("field");
  control.id = id;
  const errorId = `${id}-error`;
  const testid = control.getAttribute("data-testid");
  const error = h("p", { class: "field__error", id: errorId, attrs: testid === null ? { role: "alert" } : { role: "alert", "data-testid": `${testid}-error` } });
  error.hidden = true;
  const describedBy = [errorId];
  const parts: Node[] = [h("label", { class: "field__label", attrs: { for: id } }, label), control];
  if (opts.hint !== undefined) {
    const hintId = `${id}-hint`;
    parts.push(h("p", { class: "field__hint", id: hintId }, opts.hint));
    describedBy.push(hintId);
  }
  parts.push(error);
  control.setAttribute("aria-describedby", describedBy.join(" "));
  const row = h("div", { class: opts.wide === true ? "field admin-field admin-field--wide" : "field admin-field" }, ...parts);
  return {
    row,
    control,
    setError(message: string | null) {
      error.textContent = message ?? "";
      error.hidden = message === null;
      if (message === null) control.removeAttribute("aria-invalid");
      else control.setAttribute("aria-invalid", "true");
    },
  };
}

/** A group of radio buttons with one legend and one error line. */
export interface RadioGroup<T extends string> {
  readonly row: HTMLElement;
  value(): T | null;
  set(value: T | null): void;
  setError(message: string | null): void;
  readonly inputs: HTMLInputElement[];
}

export function radioGroup<T extends string>(legend: string, name: string, options: ReadonlyArray<Option<T> & { testid: string }>): RadioGroup<T> {
  const error = h("p", { class: "field__error", attrs: { role: "alert", "data-testid": `${name}-error` } });
  error.hidden = true;
  const inputs = options.map((o) =>
    h("input", { attrs: { type: "radio", name, value: o.value, "data-testid": o.testid, id: uid(name) } }),
  );
  const labels = options.map((o, i) => {
    const input = inputs[i] as HTMLInputElement;
    return h("label", { class: "admin-radio", attrs: { for: input.id } }, input, o.label);
  });
  const row = h("fieldset", { class: "field admin-field admin-fieldset" }, h("legend", {}, legend), h("div", { class: "admin-radio-row" }, ...labels), error);
  return {
    row,
    inputs,
    value() {
      const checked = inputs.find((i) => i.checked);
      return checked === undefined ? null : (checked.value as T);
    },
    set(value: T | null) {
      for (const i of inputs) i.checked = i.value === value;
    },
    setError(message: string | null) {
      error.textContent = message ?? "";
      error.hidden = message === null;
    },
  };
}

// ----- notices, errors, busy ------------------------------------------------------------

export interface Notice {
  readonly el: HTMLElement;
  ok(text: string, ...more: Node[]): void;
  info(text: string, ...more: Node[]): void;
  error(text: string): void;
  clear(): void;
}

/** A line that announces outcomes (polite live region); errors are styled as such. */
export function notice(testid: string): Notice {
  const el = h("div", { class: "admin-notice", attrs: { "data-testid": testid, "aria-live": "polite" } });
  el.hidden = true;
  const show = (kind: string, text: string, more: Node[]) => {
    el.className = `admin-notice admin-notice--${kind}`;
    el.replaceChildren(h("span", {}, text), ...more);
    el.hidden = false;
  };
  return {
    el,
    ok: (text, ...more) => show("ok", text, more),
    info: (text, ...more) => show("info", text, more),
    error: (text) => show("error", text, []),
    clear() {
      el.hidden = true;
      el.replaceChildren();
    },
  };
}

/**
 * Shows a failed command's message beside the field it is about (when that field is on
 * the form), else in the form's notice. Returns the error. A `Forbidden` needs nothing here:
 * the admin area is already being locked.
 */
export function showError(raw: unknown, formNotice: Notice, fields: Partial<Record<string, Field | RadioGroup<string>>> = {}): ApiError {
  const error = toApiError(raw);
  const target = error.field === undefined ? undefined : fields[error.field];
  if (target !== undefined) {
    target.setError(error.message);
    if ("control" in target) target.control.focus();
    formNotice.clear();
  } else {
    formNotice.error(error.message);
  }
  return error;
}

/** Clears every field's error line. */
export function clearErrors(fields: Partial<Record<string, Field | RadioGroup<string>>>): void {
  for (const f of Object.values(fields)) f?.setError(null);
}

/**
 * Runs slow work with the button disabled and showing that it is busy (spinner, "aria-busy"),
 * so it cannot be pressed twice.
 */
export async function busy<T>(control: HTMLButtonElement, work: () => Promise<T>): Promise<T> {
  control.disabled = true;
  control.classList.add("btn--busy");
  control.setAttribute("aria-busy", "true");
  try {
    return await work();
  } finally {
    control.disabled = false;
    control.classList.remove("btn--busy");
    control.removeAttribute("aria-busy");
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

// ----- screen furniture -----------------------------------------------------------------

export function screenHeader(title: string, testid: string, ...actions: Node[]): HTMLElement {
  const heading = h("h2", { class: "admin-screen__title", attrs: { tabindex: "-1", "data-testid": `${testid}-title` } }, title);
  return h("header", { class: "admin-screen__header" }, heading, h("div", { class: "admin-screen__actions" }, ...actions));
}

export function screen(testid: string, ...children: Node[]): HTMLElement {
  return h("section", { class: "admin-screen", attrs: { "data-testid": `screen-${testid}` } }, ...children);
}

export function toolbar(...children: Node[]): HTMLElement {
  return h("div", { class: "toolbar admin-toolbar" }, ...children);
}

export type BadgeKind = string;

/** A status badge: `.badge .badge--<status>` (lower-case, dashes), e.g. badge--gas-leak. */
export function badge(text: string, kind: BadgeKind = text): HTMLElement {
  const slug = kind.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return h("span", { class: `badge badge--${slug}` }, text);
}

export function table(testid: string, headers: ReadonlyArray<string | Node>, opts: { top?: boolean } = {}): { table: HTMLTableElement; body: HTMLTableSectionElement; wrap: HTMLElement } {
  const body = h("tbody");
  const t = h(
    "table",
    { class: opts.top === true ? "table admin-table admin-table--top" : "table admin-table", attrs: { "data-testid": `${testid}-table` } },
    h("thead", {}, h("tr", {}, ...headers.map((label) => h("th", { attrs: { scope: "col" } }, label)))),
    body,
  );
  const wrap = h("div", { class: "table-wrap admin-table-wrap" }, t);
  return { table: t, body, wrap };
}

export function emptyRow(columns: number, text: string): HTMLTableRowElement {
  return h("tr", { class: "admin-empty" }, h("td", { attrs: { colspan: String(columns) } }, text));
}

export function cell(...children: Array<Node | string>): HTMLTableCellElement {
  return h("td", {}, ...children);
}

/** Text that is shown exactly as stored, line breaks kept (descriptions, notes). */
export function plainText(text: string, className = "admin-plain"): HTMLElement {
  return h("span", { class: className }, text);
}

// ----- dialogs --------------------------------------------------------------------------

export interface FormDialog {
  readonly dialog: HTMLDialogElement;
  readonly form: HTMLFormElement;
  readonly notice: Notice;
  readonly submit: HTMLButtonElement;
  close(): void;
}

export interface FormDialogOptions {
  title: string;
  testid: string;
  intro?: Node | string;
  body: Node[];
  submitLabel: string;
  submitKind?: ButtonKind;
  /** Runs with the submit button busy; resolve true to close the dialog. */
  onSubmit(dialog: FormDialog): Promise<boolean>;
  onClose?(): void;
}

/**
 * A modal dialog holding a form: Enter submits, Escape or Cancel closes, focus returns to
 * where it was.
 */
/**
 * Closes `dialog` once (later calls do nothing), removes it, tells the caller and puts focus
 * back where it was when the dialog opened. Escape runs the same close unless `canEscape` says no.
 */
function dialogCloser(dialog: HTMLDialogElement, onClose: (() => void) | undefined, canEscape: () => boolean = () => true): () => void {
  const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    if (dialog.open && typeof dialog.close === "function") dialog.close();
    dialog.remove();
    onClose?.();
    if (returnFocus?.isConnected === true) returnFocus.focus();
  };
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    if (canEscape()) close();
  });
  return close;
}

export function formDialog(host: HTMLElement, opts: FormDialogOptions): FormDialog {
  const titleId = uid("dialog-title");
  const formNotice = notice(`${opts.testid}-error`);
  const submit = submitButton(opts.submitLabel, `${opts.testid}-confirm`, opts.submitKind ?? "primary");
  const cancel = button("Cancel", `${opts.testid}-cancel`);
  const form = h(
    "form",
    { class: "admin-dialog__form", attrs: { novalidate: "" } },
    h("h2", { class: "admin-dialog__title", id: titleId }, opts.title),
    ...(opts.intro === undefined ? [] : [h("div", { class: "admin-dialog__intro" }, opts.intro)]),
    ...opts.body,
    formNotice.el,
    h("div", { class: "admin-dialog__actions" }, cancel, submit),
  );
  const dialog = h("dialog", { class: "admin-dialog", attrs: { "data-testid": opts.testid, "aria-labelledby": titleId } }, form);
  const handle: FormDialog = {
    dialog,
    form,
    notice: formNotice,
    submit,
    close: dialogCloser(dialog, opts.onClose, () => !submit.disabled),
  };
  cancel.addEventListener("click", () => handle.close());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    void busy(submit, async () => {
      cancel.disabled = true;
      try {
        return await opts.onSubmit(handle);
      } catch (raw) {
        formNotice.error(toApiError(raw).message);
        return false;
      } finally {
        cancel.disabled = false;
      }
    }).then((done) => {
      if (done) handle.close();
    });
  });
  host.append(dialog);
  if (typeof dialog.showModal === "function") {
    dialog.showModal();
  } else {
    dialog.setAttribute("open", "");
  }
  const first = form.querySelector<HTMLElement>("input:not([type=hidden]):not([disabled]), select, textarea");
  (first ?? submit).focus();
  return handle;
}

// ----- paged lists ----------------------------------------------------------------------

export interface PagedListOptions<T> {
  testid: string;
  limit?: number;
  /** Page by keyset (`after` = last id shown): for lists ordered newest first by id. */
  keyset?: boolean;
  fetch(request: PageRequest): Promise<Page<T>>;
  render(items: T[]): void;
  /** The list could not be loaded: say why (the old rows stay). */
  onError(error: ApiError): void;
  /** The list loaded fine (clear an earlier error). */
  onLoaded?(): void;
}

/**
 * One page of a list at a time, with Previous/Next, "Rows 51–100", a busy state while a
 * page loads, and only the newest request's answer shown.
 */
export class PagedList<T> {
  state: paging.PagingState;
  readonly pager: HTMLElement;
  /** The area to mark busy while loading (the screen puts its table in it). */
  readonly region: HTMLElement;
  private readonly prevButton: HTMLButtonElement;
  private readonly nextButton: HTMLButtonElement;
  private readonly label: HTMLElement;
  private readonly latest = new paging.Latest();
  private readonly opts: PagedListOptions<T>;

  constructor(opts: PagedListOptions<T>, region: HTMLElement) {
    this.opts = opts;
    this.region = region;
    this.state = paging.firstPage(opts.limit ?? paging.PAGE_SIZE, opts.keyset ?? false);
    this.prevButton = button("‹ Previous", `${opts.testid}-prev`, "secondary", () => void this.previous());
    this.nextButton = button("Next ›", `${opts.testid}-next`, "secondary", () => void this.next());
    this.label = h("span", { class: "admin-pager__label", attrs: { "data-testid": `${opts.testid}-range`, "aria-live": "polite" } });
    this.pager = h("nav", { class: "pager admin-pager", attrs: { "aria-label": "Pages" } }, this.prevButton, this.label, this.nextButton);
    this.updatePager(false);
  }

  /** Loads the first page (after a filter changed). */
  restart(): Promise<void> {
    return this.load(paging.firstPage(this.state.limit, this.state.keyset));
  }

  /** Loads the shown page again (after a change). */
  reload(): Promise<void> {
    return this.load(this.state);
  }

  next(): Promise<void> {
    const to = paging.next(this.state);
    return to === null ? Promise.resolve() : this.load(to);
  }

  previous(): Promise<void> {
    const to = paging.previous(this.state);
    return to === null ? Promise.resolve() : this.load(to);
  }

  private async load(target: paging.PagingState): Promise<void> {
    const ticket = this.latest.begin();
    const slow = setTimeout(() => {
      this.region.classList.add("admin-loading");
      this.label.textContent = "Loading…";
    }, 150);
    this.region.setAttribute("aria-busy", "true");
    this.updatePager(true);
    try {
      const page = await this.opts.fetch(paging.request(target));
      if (!this.latest.isCurrent(ticket)) return;
      const back = paging.stepBackIfEmpty(target, page);
      if (back !== null) {
        clearTimeout(slow);
        await this.load(back);
        return;
      }
      this.state = paging.loaded(target, page);
      this.opts.render(page.items);
      this.opts.onLoaded?.();
    } catch (raw) {
      if (this.latest.isCurrent(ticket)) this.opts.onError(toApiError(raw));
    } finally {
      clearTimeout(slow);
      if (this.latest.isCurrent(ticket)) {
        this.region.classList.remove("admin-loading");
        this.region.removeAttribute("aria-busy");
        this.updatePager(false);
      }
    }
  }

  private updatePager(loading: boolean): void {
    this.prevButton.disabled = loading || !paging.canGoBack(this.state);
    this.nextButton.disabled = loading || !paging.canGoOn(this.state);
    if (!loading) this.label.textContent = paging.rangeLabel(this.state);
  }
}

/** A modal dialog that only shows something (a history); Close or Escape closes it. */
export function viewDialog(host: HTMLElement, opts: { title: string; testid: string; body: Node[]; onClose?(): void }): { dialog: HTMLDialogElement; close(): void } {
  const titleId = uid("dialog-title");
  const close = button("Close", `${opts.testid}-close`, "primary");
  const dialog = h(
    "dialog",
    { class: "admin-dialog admin-dialog--wide", attrs: { "data-testid": opts.testid, "aria-labelledby": titleId } },
    h("h2", { class: "admin-dialog__title", id: titleId }, opts.title),
    ...opts.body,
    h("div", { class: "admin-dialog__actions" }, close),
  );
  const handle = { dialog, close: dialogCloser(dialog, opts.onClose) };
  close.addEventListener("click", () => handle.close());
  host.append(dialog);
  if (typeof dialog.showModal === "function") dialog.showModal();
  else dialog.setAttribute("open", "");
  close.focus();
  return handle;
}
