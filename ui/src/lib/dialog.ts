// A modal dialog (`.dialog`): a backdrop and a centred panel with role="dialog", focus kept
// inside while it is open (Tab wraps), Escape closes it (unless `dismissable` is false), and
// focus goes back to where it was when it closes.
import { h } from "./dom";

export interface DialogOptions {
  title: string;
  testid: string;
  /** `alertdialog` for urgent questions (the kiosk's "Still there?"). */
  role?: "dialog" | "alertdialog";
  /** Escape and a click on the backdrop close it (default true). */
  dismissable?: boolean;
  /** Extra class on the panel, e.g. `dialog--warning`. */
  class?: string;
  onClose?: () => void;
}

export interface Dialog {
  /** The panel; put the content in `body`. */
  panel: HTMLElement;
  body: HTMLElement;
  close(): void;
  readonly open: boolean;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function openDialog(host: HTMLElement, opts: DialogOptions): Dialog {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const titleId = `dialog-title-${Math.random().toString(36).slice(2, 8)}`;
  const body = h("div", { class: "dialog__body" });
  const panel = h(
    "div",
    {
      class: `dialog__panel${opts.class !== undefined ? ` ${opts.class}` : ""}`,
      attrs: { role: opts.role ?? "dialog", "aria-modal": "true", "aria-labelledby": titleId, "data-testid": opts.testid },
    },
    h("h2", { class: "dialog__title", id: titleId }, opts.title),
    body,
  );
  const backdrop = h("div", { class: "dialog" }, panel);
  let isOpen = true;

  const close = (): void => {
    if (!isOpen) return;
    isOpen = false;
    backdrop.remove();
    document.removeEventListener("keydown", onKey, true);
    if (opener !== null && opener.isConnected) opener.focus();
    opts.onClose?.();
  };

  const onKey = (event: KeyboardEvent): void => {
    if (event.key === "Escape" && opts.dismissable !== false) {
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== "Tab") return;
    const items = Array.from(panel.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.hidden);
    const first = items[0];
    const last = items[items.length - 1];
    if (first === undefined || last === undefined) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !panel.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !panel.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  backdrop.addEventListener("mousedown", (event) => {
    if (event.target === backdrop && opts.dismissable !== false) close();
  });
  document.addEventListener("keydown", onKey, true);
  host.append(backdrop);

  return {
    panel,
    body,
    close,
    get open() {
      return isOpen;
    },
  };
}
