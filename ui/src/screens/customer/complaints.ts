// My complaints: newest first, one page at a time, with status, the staff's note, and Cancel
// (with a confirm step) on the Pending ones.
import type { Complaint } from "../../gen/Complaint";
import type { Screen } from "../../lib/screen";
import { h } from "../../lib/dom";
import { canGoBack, canGoOn, firstPage, next, pageNumber, previous, type Paging } from "../../lib/paging";
import { pager } from "../../lib/pager";
import { formatDateTime } from "../../lib/time";
import { badge, button, withBusy } from "../../lib/ui";
import { messageLine } from "../../lib/form";
import { t } from "../../i18n";
import { customerErrorText } from "../../i18n/errors";
import { customerFrame, listHead, loadPageInto, SEPARATOR } from "./common";
import { issueName } from "./report";
import type { CustomerContext } from "./context";

export const COMPLAINTS_PAGE_SIZE = 5;

export function complaintsScreen(ctx: CustomerContext): Screen {
  let paging: Paging = firstPage(COMPLAINTS_PAGE_SIZE);
  const list = h("ul", { class: "list", attrs: { "data-testid": "my-complaints-list", "aria-label": t("complaints.title") } });
  const slot = h("div", { class: "complaints__slot" });
  const nav = pager("complaints", () => go(previous(paging)), () => go(next(paging)));

  const item = (c: Complaint): HTMLLIElement => {
    const id = String(c.id);
    const status = badge(t(`status.${c.status}`), { kind: c.status, testid: `complaint-status-${id}` });
    const actions = h("div", { class: "list__actions" });
    const line = messageLine(`complaint-message-${id}`);
    const li = h(
      "li",
      { class: `list__item complaint${c.issue_type === "Gas Leak" ? " complaint--leak" : ""}`, attrs: { "data-testid": `complaint-item-${id}` } },
      listHead(issueName(c.issue_type), t("complaints.number", { id }), status),
      h(
        "p",
        { class: "list__meta" },
        t("complaints.reported", { date: formatDateTime(c.created_at) }),
        c.updated_at !== c.created_at ? `${SEPARATOR}${t("complaints.updated", { date: formatDateTime(c.updated_at) })}` : "",
      ),
      h("p", { class: "complaint__text", attrs: { "data-testid": `complaint-description-${id}` } }, c.description),
    );
    if (c.resolution_note.trim() !== "") {
      li.append(
        h(
          "div",
          { class: "note", attrs: { "data-testid": `complaint-note-${id}` } },
          h("p", { class: "note__label" }, t("complaints.reply")),
          h("p", { class: "note__text" }, c.resolution_note),
        ),
      );
    }
    if (c.status === "Pending") {
      const askCancel = (): void => {
        const yes = button(t("complaints.yesCancel"), null, { variant: "danger", testid: `complaint-cancel-confirm-${id}` });
        const no = button(t("complaints.keep"), () => showCancel(), { testid: `complaint-cancel-keep-${id}` });
        yes.addEventListener("click", () => {
          line.show(null);
          no.disabled = true;
          void withBusy(yes, t("complaints.cancelling"), async () => {
            try {
              const updated = await ctx.backend.cancelMyComplaint(Number(c.id));
              li.replaceWith(item(updated));
              list.querySelector<HTMLElement>(`[data-testid="complaint-status-${id}"]`)?.setAttribute("tabindex", "-1");
              list.querySelector<HTMLElement>(`[data-testid="complaint-status-${id}"]`)?.focus();
            } catch (error) {
              no.disabled = false;
              line.show(customerErrorText(error));
            }
          });
        });
        actions.replaceChildren(h("p", { class: "list__confirm", attrs: { role: "status" } }, t("complaints.confirmCancel")), yes, no);
        no.focus();
      };
      const showCancel = (): void => {
        const cancel = button(t("complaints.cancel"), askCancel, { variant: "ghost", testid: `complaint-cancel-${id}`, class: "btn--danger-text" });
        actions.replaceChildren(cancel);
        if (li.isConnected && document.activeElement === document.body) cancel.focus();
      };
      showCancel();
      li.append(actions, line.el);
    }
    return li;
  };

  const render = (items: Complaint[]): void => {
    if (items.length === 0) {
      list.replaceChildren();
      slot.replaceChildren(
        h(
          "div",
          { class: "empty", attrs: { "data-testid": "my-complaints-empty" } },
          h("p", {}, t("complaints.empty")),
          button(t("report.title"), () => ctx.go.report(), { variant: "primary", size: "lg", testid: "complaints-report" }),
        ),
      );
      return;
    }
    list.replaceChildren(...items.map(item));
    slot.replaceChildren(list, nav.el);
    nav.update({ canBack: canGoBack(paging), canOn: canGoOn(paging), label: t("common.page", { page: pageNumber(paging) }) });
  };

  const go = (to: Paging | null): void =>
    loadPageInto(slot, to, (request) => ctx.backend.myComplaints(request), (page, state) => {
      paging = state;
      render(page.items);
    });
  go(paging);

  const body = h(
    "div",
    { class: "complaints" },
    h("div", { class: "toolbar" }, button(t("complaints.new"), () => ctx.go.report(), { testid: "complaints-new" })),
    slot,
  );
  return { title: t("complaints.title"), el: customerFrame(ctx, t("complaints.title"), "complaints", body) };
}
