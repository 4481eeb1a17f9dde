// First run: an empty database has no staff account and no default password, so the first
// screen asks for the first staff account. On success the backend has unlocked the admin
// switch for that account and the shell opens the admin area.
// A kiosk never sets up (anyone can walk up to it; the backend refuses it too): it says so, in
// kiosk-not-set-up.ts (a customer may read it; this file is staff-only, in English).
import type { Backend } from "../api/backend";
import type { SessionInfo } from "../gen/SessionInfo";
import type { Screen } from "../lib/screen";
import { h } from "../lib/dom";
import { button, textInput } from "../lib/ui";
import { field, handleSubmit, messageLine } from "../lib/form";
import { PASSWORD_MIN, USERNAME_MAX, USERNAME_MIN, validateSetup } from "../lib/validate";

export interface SetupOptions {
  backend: Backend;
  onDone(session: SessionInfo): void;
}

export function setupScreen(opts: SetupOptions): Screen {
  const username = field("Staff username", textInput({ autocomplete: "username" }), {
    testid: "setup-username",
    hint: `${USERNAME_MIN}–${USERNAME_MAX} letters, digits, dot, dash or underscore.`,
  });
  const fullName = field("Full name", textInput({ autocomplete: "name" }), { testid: "setup-fullname" });
  const password = field("Password", textInput({ type: "password", autocomplete: "new-password" }), {
    testid: "setup-password",
    hint: `At least ${PASSWORD_MIN} characters. There is no default password: keep this one safe.`,
  });
  const confirm = field("Type the password again", textInput({ type: "password", autocomplete: "new-password" }), {
    testid: "setup-confirm",
  });
  const formError = messageLine("setup-error");
  const submit = button("Create the staff account", null, { variant: "primary", size: "lg", type: "submit", testid: "setup-submit" });
  const fields = { username, full_name: fullName, password, confirm };

  const form = h(
    "form",
    { class: "card setup__form", attrs: { novalidate: "", "data-testid": "setup-form" } },
    username.el,
    fullName.el,
    password.el,
    confirm.el,
    formError.el,
    submit,
  );
  handleSubmit(form, {
    submit,
    busyLabel: "Creating the account…",
    fields,
    formMessage: formError,
    check: () =>
      validateSetup({
        username: username.control.value,
        fullName: fullName.control.value,
        password: password.control.value,
        confirm: confirm.control.value,
      }),
    async send() {
      const session = await opts.backend.setUpFirstStaff(username.control.value.trim(), fullName.control.value.trim(), password.control.value);
      opts.onDone(session);
    },
  });

  const el = h(
    "section",
    { class: "screen screen--narrow setup", attrs: { "data-testid": "setup" } },
    h("h1", { class: "screen__title", attrs: { tabindex: "-1" } }, "Welcome to GasDesk"),
    h(
      "p",
      { class: "screen__lead" },
      "This database is new. Create the first staff account: it unlocks the admin area, where you can add cylinders, customers and more staff.",
    ),
    form,
  );
  return { title: "First-time setup", el, focus: username.control };
}
