// The shell's screens before any visit: the start-up and lock lines, and a start that failed.
// They appear before anyone chose a language, so they are in the kiosk's default (its
// `--language`, which the shell learns from `kiosk_link` before anything shows).
import { ApiError } from "../api/error";
import { t, type MessageKey } from "../i18n";
import { customerErrorText } from "../i18n/errors";
import { h } from "../lib/dom";
import type { Screen } from "../lib/screen";
import { button, loadingLine } from "../lib/ui";

/** "Starting GasDesk…" / "Locking…" with a spinner, centred. */
export function busyScreen(key: MessageKey, testid: string): Screen {
  return { title: "", el: h("div", { class: "screen screen--center" }, loadingLine(t(key), testid)) };
}

/**
 * "GasDesk could not start" with the catalog's line for the error's code (the reader may be a
 * customer at a kiosk); the backend's English, for whoever fixes the PC, goes to the log.
 */
export function bootErrorScreen(error: unknown, onRetry: () => void): Screen {
  if (error instanceof ApiError) console.error(`GasDesk: the start failed: ${error.code}: ${error.message}`);
  return {
    title: "",
    el: h(
      "section",
      { class: "screen screen--narrow" },
      h("h1", { class: "screen__title", attrs: { tabindex: "-1" } }, t("boot.failedTitle")),
      h("p", { class: "message message--error", attrs: { role: "alert", "data-testid": "boot-error" } }, customerErrorText(error)),
      button(t("common.tryAgain"), onRetry, { variant: "primary", size: "lg", testid: "boot-retry" }),
    ),
  };
}
