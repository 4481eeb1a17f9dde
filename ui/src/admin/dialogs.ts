// The admin area's modal dialogs, on the native <dialog> element: one holding a form (submit
// busy, errors in its own notice) and one that only shows something (a history).
import { h } from "../lib/dom";
import { type Field, notice, type Notice, type RadioGroup, showError } from "../lib/form";
import { type ButtonOptions, button, uid, withBusy } from "../lib/ui";

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
  submitKind?: ButtonOptions["variant"];
  /** The form's fields by the names the backend uses: a refusal naming one is shown beside it. */
  fields?: Partial<Record<string, Field | RadioGroup<string>>>;
  /**
   * Runs with the submit button busy; resolve true to close the dialog. A throw is shown
   * beside the field it names (`fields`), else in the dialog's notice, and the dialog stays.
   */
  onSubmit(dialog: FormDialog): Promise<boolean>;
  onClose?(): void;
}

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

/**
 * A modal dialog holding a form: Enter submits, Escape or Cancel closes, focus returns to
 * where it was.
 */
export function formDialog(host: HTMLElement, opts: FormDialogOptions): FormDialog {
  const titleId = uid("dialog-title");
  const formNotice = notice(`${opts.testid}-error`);
  const submit = button(opts.submitLabel, null, { variant: opts.submitKind ?? "primary", type: "submit", testid: `${opts.testid}-confirm` });
  const cancel = button("Cancel", null, { testid: `${opts.testid}-cancel` });
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
    void withBusy(submit, null, async () => {
      cancel.disabled = true;
      try {
        return await opts.onSubmit(handle);
      } catch (raw) {
        showError(raw, formNotice, opts.fields);
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

/** A modal dialog that only shows something (a history); Close or Escape closes it. */
export function viewDialog(host: HTMLElement, opts: { title: string; testid: string; body: Node[]; onClose?(): void }): { dialog: HTMLDialogElement; close(): void } {
  const titleId = uid("dialog-title");
  const close = button("Close", null, { variant: "primary", testid: `${opts.testid}-close` });
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
