// Welcome + customer log-in: the kiosk's resting screen.
import logoUrl from "../../../icons/128x128.png";
import type { Backend } from "../api/backend";
import type { PublicSettings } from "../gen/PublicSettings";
import type { SessionInfo } from "../gen/SessionInfo";
import type { Screen } from "../lib/screen";
import { h } from "../lib/dom";
import { button, textInput } from "../lib/ui";
import { field, handleSubmit, messageLine } from "../lib/form";
import { validateLogin } from "../lib/validate";

export interface WelcomeOptions {
  backend: Backend;
  settings: PublicSettings;
  kiosk: boolean;
  /** Why we are back here (e.g. the session ended), shown above the form. */
  notice?: string;
  onLoggedIn(session: SessionInfo): void;
}

export function welcomeScreen(opts: WelcomeOptions): Screen {
  const username = field("Username", textInput({ autocomplete: "username" }), { testid: "login-username", name: "username" });
  const password = field("Password", textInput({ type: "password", autocomplete: "current-password" }), {
    testid: "login-password",
    name: "password",
  });
  const formError = messageLine("login-error");
  const notice = messageLine("welcome-notice", "info");
  if (opts.notice !== undefined) notice.show(opts.notice);
  const submit = button("Log in", null, { variant: "primary", size: "lg", type: "submit", testid: "login-submit", class: "btn--block" });
  const fields = { username, password };

  const form = h(
    "form",
    { class: "card login", attrs: { "data-testid": "login-form", novalidate: "", "aria-labelledby": "login-title" } },
    h("h2", { class: "card__title", id: "login-title" }, "Customer log in"),
    notice.el,
    username.el,
    password.el,
    formError.el,
    submit,
  );

  handleSubmit(form, {
    submit,
    busyLabel: "Logging in…",
    fields,
    formMessage: formError,
    check() {
      notice.show(null); // the notice of how the last visit ended goes once the next log-in starts
      return validateLogin(username.control.value, password.control.value);
    },
    async send() {
      const session = await opts.backend.customerLogin(username.control.value.trim(), password.control.value);
      opts.onLoggedIn(session);
    },
    onRefused() {
      password.control.value = "";
      if (password.control !== document.activeElement && username.control !== document.activeElement) {
        password.control.focus();
      }
    },
  });

  const el = h(
    "section",
    { class: "welcome", attrs: { "data-testid": "welcome" } },
    h(
      "div",
      { class: "welcome__hero" },
      h("img", { class: "welcome__logo", attrs: { src: logoUrl, alt: "", width: "112", height: "112" } }),
      h("h1", { class: "welcome__title", attrs: { tabindex: "-1", "data-testid": "welcome-agency" } }, opts.settings.agency_name),
      h("p", { class: "welcome__tagline" }, "Book a refill cylinder, pay, and report a problem — all in one place."),
      h(
        "ul",
        { class: "welcome__steps" },
        h("li", {}, h("span", { class: "welcome__step-no" }, "1"), "Log in with your username and password"),
        h("li", {}, h("span", { class: "welcome__step-no" }, "2"), "Book and pay for your refill"),
        h("li", {}, h("span", { class: "welcome__step-no" }, "3"), "Collect your cylinder with the receipt"),
      ),
    ),
    form,
  );
  return { title: "Welcome", el, focus: username.control };
}
