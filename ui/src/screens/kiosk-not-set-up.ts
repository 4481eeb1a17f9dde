// What a kiosk started on a database nobody has set up shows, in the kiosk's language: the
// person in front of it may be a customer (the setup form is for staff, on the office PC).
import type { Screen } from "../lib/screen";
import { h } from "../lib/dom";
import { button } from "../lib/ui";
import { t } from "../i18n";

/**
 * What a kiosk shows on an empty database, instead of the setup form. Once staff have set up
 * the office, "Check again" reads the database anew.
 */
export function kioskNotSetUpScreen(onCheckAgain: () => void): Screen {
  const el = h(
    "section",
    { class: "screen screen--narrow setup", attrs: { "data-testid": "kiosk-not-set-up" } },
    h("h1", { class: "screen__title", attrs: { tabindex: "-1" } }, t("kioskSetup.title")),
    h("p", { class: "message message--info", attrs: { role: "status" } }, t("kioskSetup.text")),
    button(t("kioskSetup.checkAgain"), onCheckAgain, { size: "lg", testid: "kiosk-check-again" }),
  );
  return { title: t("kioskSetup.tabTitle"), el };
}
