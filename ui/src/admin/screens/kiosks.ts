// Kiosks (office PC only): whether this office serves kiosk PCs on the network and where, its
// certificate's fingerprint, pairing a new kiosk with a short code, and the kiosks paired so
// far, each removable (its token is refused from then on).
import type { Device } from "../../gen/Device";
import type { KioskServerStatus } from "../../gen/KioskServerStatus";
import type { PairingCode } from "../../gen/PairingCode";
import { h } from "../../lib/dom";
import { clearErrors, field, notice, showError } from "../../lib/form";
import type { Screen } from "../../lib/screen";
import { cell, emptyRow, table } from "../../lib/table";
import { formatDateTime, parseIsoTime } from "../../lib/time";
import { badge, button, textInput, withBusy } from "../../lib/ui";
import { checkRequiredLine } from "../../lib/validate";
import type { ScreenContext } from "../context";
import { formDialog, viewDialog } from "../dialogs";
import { screen, screenHeader } from "../frame";

/** What the kiosk PC is told to connect to when the office is not serving yet. */
export const ADDRESS_PLACEHOLDER = "<office address>:<port>";

/** `a7f3 09c2 …`: the fingerprint in groups of four, to read out and compare. */
export function groupFingerprint(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(" ");
}

/** `9:58`: minutes and seconds left until `expiresAt`, or null once it has passed. */
export function timeLeft(expiresAt: string, now: number): string | null {
  const end = parseIsoTime(expiresAt);
  if (end === null) return null;
  const seconds = Math.ceil((end.getTime() - now) / 1000);
  if (seconds <= 0) return null;
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** The server status line: where kiosks connect, why not, or what went wrong starting it. */
export function statusText(s: KioskServerStatus): string {
  if (s.serving) return `Serving kiosks on ${s.addresses.length === 0 ? "this PC" : s.addresses.join(", ")}`;
  if (s.error !== null) return `Not serving: ${s.error}`;
  return "Not serving: turn on 'Serve kiosks on this network' in Settings";
}

export function kiosksScreen(ctx: ScreenContext): Screen {
  const statusNotice = notice("kiosks-status-error");
  const listNotice = notice("kiosks-notice");
  const statusLine = h("p", { class: "admin-kiosks__status", attrs: { "data-testid": "kiosks-status", role: "status" } });
  const fingerprint = h("code", { class: "admin-path admin-fingerprint", attrs: { "data-testid": "kiosks-fingerprint" } });
  const openSettings = button("Open Settings", () => ctx.navigate("settings"), { testid: "kiosks-open-settings" });
  openSettings.hidden = true;
  const { body: rows, wrap } = table("kiosks", ["Kiosk", "Paired", "Last seen", "Status", ""]);
  const add = button("Add kiosk…", () => openAdd(), { variant: "primary", testid: "kiosks-add" });
  const refresh = button("Refresh", (b) => void withBusy(b, null, load), { testid: "kiosks-refresh" });
  let server: KioskServerStatus | null = null;
  /** The countdown of the code on show, stopped when its dialog or the screen goes. */
  let countdown: number | undefined;

  function stopCountdown(): void {
    if (countdown !== undefined) window.clearInterval(countdown);
    countdown = undefined;
  }

  function renderStatus(s: KioskServerStatus): void {
    server = s;
    statusLine.textContent = statusText(s);
    statusLine.className = `admin-kiosks__status admin-kiosks__status--${s.serving ? "on" : s.error === null ? "off" : "error"}`;
    fingerprint.textContent = s.fingerprint === "" ? "—" : groupFingerprint(s.fingerprint);
    openSettings.hidden = s.serving;
  }

  function row(d: Device): HTMLTableRowElement {
    const removed = d.revoked_at !== null;
    const status = removed
      ? h("span", {}, badge("Removed", { kind: "cancelled" }), " ", formatDateTime(d.revoked_at))
      : badge("Paired", { kind: "completed" });
    const action = removed ? cell() : cell(button("Remove…", () => openRemove(d), { variant: "danger", testid: `kiosk-remove-${d.id}` }));
    return h(
      "tr",
      { attrs: { "data-testid": `kiosk-row-${d.id}` } },
      cell(h("strong", {}, d.name)),
      cell(formatDateTime(d.paired_at)),
      cell(d.last_seen_at === null ? "Never" : formatDateTime(d.last_seen_at)),
      cell(status),
      action,
    );
  }

  async function loadStatus(): Promise<void> {
    try {
      renderStatus(await ctx.backend.kioskServer());
      statusNotice.clear();
    } catch (raw) {
      showError(raw, statusNotice);
    }
  }

  async function loadList(): Promise<void> {
    try {
      const kiosks = await ctx.backend.listKiosks();
      rows.replaceChildren(...(kiosks.length === 0 ? [emptyRow(5, "No kiosk is paired with this office yet.")] : kiosks.map(row)));
    } catch (raw) {
      showError(raw, listNotice);
    }
  }

  async function load(): Promise<void> {
    await Promise.all([loadStatus(), loadList()]);
  }

  function openAdd(): void {
    const name = field("Kiosk name", textInput({ testid: "kiosk-new-name", attrs: { maxlength: "60", placeholder: "Counter 1" } }), {
      hint: "So staff can tell the kiosks apart in this list.",
    });
    const fields = { name };
    let made: PairingCode | null = null;
    formDialog(ctx.host, {
      title: "Add a kiosk",
      testid: "kiosk-add-dialog",
      intro: "GasDesk makes a pairing code for the kiosk PC. It is valid for 10 minutes and 5 tries.",
      body: [name.el],
      submitLabel: "Make a pairing code",
      fields,
      async onSubmit() {
        clearErrors(fields);
        const problem = checkRequiredLine(name.control.value, "kiosk name", 60);
        if (problem !== null) {
          name.setError(problem);
          name.control.focus();
          return false;
        }
        made = await ctx.backend.addKiosk(name.control.value.trim());
        return true;
      },
      // The code opens once this dialog has closed and handed focus back, so closing the code
      // returns focus to "Add kiosk".
      onClose: () => {
        const code = made;
        if (code !== null) queueMicrotask(() => showCode(code));
      },
    });
  }

  /** The code, large and in groups of four, its time left, and what to type on the kiosk PC. */
  function showCode(code: PairingCode): void {
    const address = server?.serving === true ? (server.addresses[0] ?? ADDRESS_PLACEHOLDER) : ADDRESS_PLACEHOLDER;
    const groups = h(
      "p",
      { class: "admin-pairing-code", attrs: { "data-testid": "kiosk-code", "aria-label": `Pairing code ${code.code.split("").join(" ")}` } },
      ...code.code.split("-").map((g) => h("span", { class: "admin-pairing-code__group" }, g)),
    );
    const left = h("p", { class: "admin-pairing-code__left", attrs: { "data-testid": "kiosk-code-left", "aria-live": "polite" } });
    const tick = (): void => {
      const remaining = timeLeft(code.expires_at, Date.now());
      left.textContent = remaining === null ? "This code has expired. Close this and add the kiosk again for a new one." : `Valid for ${remaining} more, and 5 tries.`;
      left.classList.toggle("admin-pairing-code__left--expired", remaining === null);
      if (remaining === null) stopCountdown();
    };
    stopCountdown();
    tick();
    countdown = window.setInterval(tick, 1000);
    const notServing =
      server?.serving === true
        ? []
        : [
            h(
              "p",
              { class: "admin-notice admin-notice--error", attrs: { "data-testid": "kiosk-code-not-serving" } },
              "This office is not serving kiosks yet: turn on 'Serve kiosks on this network' in Settings, or the kiosk cannot pair.",
            ),
          ];
    const pairCommand = `gasdesk pair --server ${address} --code ${code.code}`;
    const kioskCommand = `gasdesk --kiosk --server ${address}`;
    viewDialog(ctx.host, {
      title: `Pair ${code.name}`,
      testid: "kiosk-code-dialog",
      body: [
        groups,
        left,
        ...notServing,
        h(
          "ol",
          { class: "admin-steps" },
          h("li", {}, "On the kiosk PC, open a terminal and run:", h("pre", { class: "admin-command", attrs: { "data-testid": "kiosk-pair-command" } }, pairCommand)),
          h("li", {}, "Then start the kiosk:", h("pre", { class: "admin-command", attrs: { "data-testid": "kiosk-start-command" } }, kioskCommand)),
          h("li", {}, "Back here, press Refresh: the kiosk is in the list."),
        ),
        h(
          "p",
          { class: "admin-muted admin-small" },
          "The kiosk trusts only this office's certificate, whose fingerprint begins as the code does. The code works once.",
        ),
      ],
      onClose: () => {
        stopCountdown();
        void loadList();
      },
    });
  }

  function openRemove(d: Device): void {
    formDialog(ctx.host, {
      title: `Remove the kiosk ${d.name}?`,
      testid: "kiosk-remove-dialog",
      intro: h(
        "div",
        {},
        h("p", {}, "The kiosk is refused from its next request on: whoever is using it is stopped, and no one can book there."),
        h("p", {}, "To use that PC again, add it again and pair it with a new code."),
      ),
      body: [],
      submitLabel: "Remove kiosk",
      submitKind: "danger",
      async onSubmit() {
        const removed = await ctx.backend.revokeKiosk(d.id);
        listNotice.ok(`Removed ${removed.name}: it can no longer reach this office.`);
        await loadList();
        return true;
      },
    });
  }

  const serverCard = h(
    "section",
    { class: "card admin-card" },
    h("h3", { class: "admin-card__title" }, "This office on the network"),
    statusLine,
    statusNotice.el,
    h("div", { class: "admin-form__actions" }, openSettings),
    h("p", { class: "admin-muted admin-small" }, "Certificate fingerprint (a paired kiosk shows the same):"),
    fingerprint,
  );
  const listCard = h(
    "section",
    { class: "card admin-card" },
    h("div", { class: "admin-card__head" }, h("h3", { class: "admin-card__title" }, "Paired kiosks"), add),
    listNotice.el,
    wrap,
  );
  void load();
  return { el: screen("kiosks", screenHeader("Kiosks", "kiosks", refresh), serverCard, listCard), dispose: stopCountdown };
}
