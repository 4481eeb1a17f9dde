// The admin switch: staff username + password in a dialog; on success the shell opens the
// admin area. The backend decides; this only asks.
import type { Backend } from "../api/backend";
import type { SessionInfo } from "../gen/SessionInfo";
import { openDialog, type Dialog } from "../lib/dialog";
import { h } from "../lib/dom";
import { button, textInput } from "../lib/ui";
import { field, handleSubmit, messageLine } from "../lib/form";
import { validateLogin } from "../lib/validate";

export function openStaffDialog(host: HTMLElement, backend: Backend, onUnlocked: (session: SessionInfo) => void): Dialog {
  const dialog = openDialog(host, { title: "Staff: unlock the admin area", testid: "staff-dialog" });
  const username = field("Staff username", textInput({ autocomplete: "username" }), { testid: "staff-username" });
  const password = field("Password", textInput({ type: "password", autocomplete: "current-password" }), { testid: "staff-password" });
  const formError = messageLine("staff-error");
  const submit = button("Unlock", null, { variant: "primary", type: "submit", testid: "staff-submit" });
  const cancel = button("Cancel", () => dialog.close(), { variant: "ghost", testid: "staff-cancel" });
  const fields = { username, password };
  const form = h(
    "form",
    { class: "dialog__form", attrs: { novalidate: "" } },
    h("p", { class: "muted" }, "For agency staff only. The admin area locks itself again when left alone."),
    username.el,
    password.el,
    formError.el,
    h("div", { class: "dialog__actions" }, cancel, submit),
  );
  handleSubmit(form, {
    submit,
    busyLabel: "Checking…",
    fields,
    formMessage: formError,
    check: () => validateLogin(username.control.value, password.control.value),
    async send() {
      const session = await backend.staffUnlock(username.control.value.trim(), password.control.value);
      dialog.close();
      onUnlocked(session);
    },
    onRefused() {
      password.control.value = "";
    },
  });
  dialog.body.append(form);
  username.control.focus();
  return dialog;
}
