// Welcome + customer log-in: the kiosk's resting screen, with the language switch at its top
// ("English / हिन्दी": each name in its own script, so it is found without reading either).
import logoUrl from "../../../icons/128x128.png";
import type { Backend } from "../api/backend";
import type { PublicSettings } from "../gen/PublicSettings";
import type { SessionInfo } from "../gen/SessionInfo";
import type { Screen } from "../lib/screen";
import { h } from "../lib/dom";
import { button, textInput } from "../lib/ui";
import { field, handleSubmit, messageLine } from "../lib/form";
import type { FieldErrors } from "../lib/validate";
import { language, LANGUAGE_NAMES, LANGUAGES, setLanguage, t, type Language } from "../i18n";
import { customerErrorText } from "../i18n/errors";

export interface WelcomeOptions {
  backend: Backend;
  settings: PublicSettings;
  kiosk: boolean;
  /** Why we are back here (e.g. the session ended), shown above the form; a function so it follows the language. */
  notice?: () => string;
  onLoggedIn(session: SessionInfo): void;
  /** The customer chose another language: the shell draws the screen again in it, keeping `username` as typed. */
  onLanguage(lang: Language, username: string): void;
  /** The username typed before the screen was drawn again in another language. */
  username?: string;
}

/** Both boxes filled; the backend judges the rest. */
function checkLogin(username: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (username.trim() === "") errors["username"] = t("login.needUsername");
  if (password === "") errors["password"] = t("login.needPassword");
  return errors;
}

/** Two large buttons, "English" and "हिन्दी"; the chosen one is pressed. */
function languageSwitch(onLanguage: (lang: Language) => void): HTMLElement {
  const choose = (lang: Language): void => {
    if (lang === language()) return;
    setLanguage(lang);
    onLanguage(lang);
  };
  // Each name is marked with its own language, so a screen reader says "हिन्दी" in Hindi.
  const buttons = LANGUAGES.map((lang) =>
    button(LANGUAGE_NAMES[lang], () => choose(lang), {
      variant: lang === language() ? "primary" : "secondary",
      size: "lg",
      testid: `lang-${lang}`,
      class: "lang-switch__option",
      attrs: { lang, "aria-pressed": String(lang === language()) },
    }),
  );
  return h(
    "div",
    { class: "lang-switch", attrs: { role: "group", "aria-label": t("lang.switchLabel"), "data-testid": "lang-switch" } },
    // i18n-ignore: a sign in both scripts, hidden from screen readers, found without reading either
    h("span", { class: "lang-switch__icon", attrs: { "aria-hidden": "true" } }, "अ / A"),
    ...buttons,
  );
}

export function welcomeScreen(opts: WelcomeOptions): Screen {
  const username = field(t("login.username"), textInput({ autocomplete: "username" }), { testid: "login-username", name: "username" });
  username.control.value = opts.username ?? "";
  const password = field(t("login.password"), textInput({ type: "password", autocomplete: "current-password" }), {
    testid: "login-password",
    name: "password",
  });
  const formError = messageLine("login-error");
  const notice = messageLine("welcome-notice", "info");
  if (opts.notice !== undefined) notice.show(opts.notice());
  const submit = button(t("login.submit"), null, { variant: "primary", size: "lg", type: "submit", testid: "login-submit", class: "btn--block" });
  const fields = { username, password };

  const form = h(
    "form",
    { class: "card login", attrs: { "data-testid": "login-form", novalidate: "", "aria-labelledby": "login-title" } },
    h("h2", { class: "card__title", id: "login-title" }, t("login.title")),
    notice.el,
    username.el,
    password.el,
    formError.el,
    submit,
  );

  handleSubmit(form, {
    submit,
    busyLabel: t("login.busy"),
    fields,
    formMessage: formError,
    describe: customerErrorText,
    check() {
      notice.show(null); // the notice of how the last visit ended goes once the next log-in starts
      return checkLogin(username.control.value, password.control.value);
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
    // The password is not carried over: a new screen asks for it again.
    languageSwitch((lang) => opts.onLanguage(lang, username.control.value)),
    h(
      "div",
      { class: "welcome__hero" },
      h("img", { class: "welcome__logo", attrs: { src: logoUrl, alt: "", width: "112", height: "112" } }),
      h("h1", { class: "welcome__title", attrs: { tabindex: "-1", "data-testid": "welcome-agency" } }, opts.settings.agency_name),
      h("p", { class: "welcome__tagline" }, t("welcome.tagline")),
      h(
        "ul",
        { class: "welcome__steps" },
        h("li", {}, h("span", { class: "welcome__step-no" }, "1"), t("welcome.step1")),
        h("li", {}, h("span", { class: "welcome__step-no" }, "2"), t("welcome.step2")),
        h("li", {}, h("span", { class: "welcome__step-no" }, "3"), t("welcome.step3")),
      ),
    ),
    form,
  );
  return { title: t("welcome.title"), el, focus: username.control };
}
