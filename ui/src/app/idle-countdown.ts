// The kiosk's "Still there?" dialog at the end of a customer's idle time: the seconds left
// counting down, "I'm still here" (focused) and "Log out now". The shell's IdleTimer decides
// when it shows and what happens at zero; this only draws it.
import { t } from "../i18n";
import { tNodes } from "../i18n/nodes";
import { openDialog, type Dialog } from "../lib/dialog";
import { h } from "../lib/dom";
import { button } from "../lib/ui";

export class IdleCountdown {
  private open: { dialog: Dialog; seconds: HTMLElement } | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly onStay: () => void,
    private readonly onLogout: () => void,
  ) {}

  /** Opens the dialog (once) and shows `seconds` left. */
  show(seconds: number): void {
    if (this.open === null) {
      const dialog = openDialog(this.root, {
        title: t("idle.title"),
        testid: "idle-countdown",
        role: "alertdialog",
        dismissable: false,
        class: "dialog--countdown",
      });
      const count = h("span", { class: "countdown__seconds", attrs: { "data-testid": "idle-seconds" } }, String(seconds));
      const stay = button(t("idle.stay"), () => this.onStay(), { variant: "primary", size: "lg", testid: "idle-stay" });
      dialog.body.append(
        h("p", { class: "countdown__text", attrs: { "aria-live": "assertive" } }, ...tNodes("idle.text", { seconds: count })),
        h("div", { class: "dialog__actions" }, button(t("idle.logoutNow"), () => this.onLogout(), { size: "lg", testid: "idle-logout" }), stay),
      );
      this.open = { dialog, seconds: count };
      stay.focus();
    }
    this.open.seconds.textContent = String(seconds);
  }

  hide(): void {
    const open = this.open;
    this.open = null;
    open?.dialog.close();
  }

  /** Whether `target` is inside the open dialog (its own buttons decide, not general activity). */
  contains(target: EventTarget | null): boolean {
    return this.open !== null && target instanceof Node && this.open.dialog.panel.contains(target);
  }
}
