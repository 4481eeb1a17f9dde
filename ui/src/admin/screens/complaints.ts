// Complaints queue: by status (Pending first), gas leaks at the top and in red; each row sets
// its status with a note (required to close it).
import { toApiError } from "../../api/error";
import type { Complaint } from "../../gen/Complaint";
import type { ComplaintStatus } from "../../gen/ComplaintStatus";
import { h } from "../../lib/dom";
import { field, notice } from "../../lib/form";
import { pagedTable } from "../../lib/pager";
import type { Screen } from "../../lib/screen";
import { cell } from "../../lib/table";
import { formatDateTime } from "../../lib/time";
import { badge, button, select, textArea, uid, withBusy } from "../../lib/ui";
import type { ScreenContext } from "../context";
import { screen, screenHeader, toolbar } from "../frame";

type StatusFilter = ComplaintStatus | "";

/** The backend's limit on a resolution note (domain/validate.rs NOTE_MAX). */
export const NOTE_MAX = 500;

const STATUSES: ReadonlyArray<{ value: ComplaintStatus; label: string }> = [
  { value: "Pending", label: "Pending" },
  { value: "Completed", label: "Completed" },
  { value: "Cancelled", label: "Cancelled" },
];

const HEADERS = ["Complaint", "Filed", "Description", "Status", "Resolution"];

export function isGasLeak(c: Complaint): boolean {
  return c.issue_type === "Gas Leak";
}

/** Why a status change cannot be saved as typed, or null. */
export function resolutionProblem(status: ComplaintStatus, note: string): string | null {
  const text = note.trim();
  if (status !== "Pending" && text === "") return "Write a note saying what was done: it is required to close a complaint.";
  const length = [...text].length;
  if (length > NOTE_MAX) return `The note can have at most ${NOTE_MAX} characters (it has ${length}).`;
  return null;
}

export function complaintsScreen(ctx: ScreenContext): Screen {
  const error = notice("complaints-error");
  const status = field(
    "Status",
    select<StatusFilter>([...STATUSES, { value: "", label: "All (newest first)" }], "Pending", { testid: "complaints-status" }),
  );
  const refresh = button("Refresh", (b) => void withBusy(b, null, () => list.reload()), { testid: "complaints-refresh" });
  const legend = h(
    "p",
    { class: "admin-muted admin-small" },
    "Gas leaks come first and are marked ",
    badge("Gas Leak"),
    ". A note is required to mark a complaint Completed or Cancelled; the customer sees its status.",
  );

  const { list } = pagedTable<Complaint>({
    testid: "complaints",
    headers: HEADERS,
    top: true,
    keyset: true,
    limit: 25,
    fetch: (page) => ctx.backend.complaintQueue(status.control.value === "" ? null : (status.control.value as ComplaintStatus), page),
    row,
    empty: "No complaints here.",
    errors: error,
  });

  function row(initial: Complaint): HTMLTableRowElement {
    let current = initial;
    const id = String(initial.id);
    const statusCell = cell();
    const choose = select<ComplaintStatus>(STATUSES, initial.status, { testid: `complaint-status-${id}` });
    const chooseId = uid("complaint-status");
    choose.id = chooseId;
    const note = textArea({ testid: `complaint-note-${id}`, attrs: { rows: "2", maxlength: String(NOTE_MAX), placeholder: "What was done" } });
    note.value = initial.resolution_note;
    const noteId = uid("complaint-note");
    note.id = noteId;
    const noteError = h("p", { class: "field__error", id: `${noteId}-error`, attrs: { "data-testid": `complaint-note-${id}-error` } });
    noteError.hidden = true;
    note.setAttribute("aria-describedby", noteError.id);
    const saved = notice(`complaint-saved-${id}`);
    const save = button("Save", null, { variant: "primary", testid: `complaint-save-${id}` });

    const tr = h(
      "tr",
      { attrs: { "data-testid": `complaint-row-${id}` } },
      cell(
        h("span", { attrs: { "data-testid": `complaint-type-${id}` } }, badge(initial.issue_type)),
        h("span", { class: "admin-block admin-nowrap" }, h("span", { class: "admin-muted" }, `#${id} · `), initial.username),
        h("span", { class: "admin-small admin-muted admin-block" }, initial.consumer_no),
      ),
      cell(h("span", { class: "admin-nowrap" }, formatDateTime(initial.created_at))),
      cell(h("div", { class: "admin-plain admin-description", attrs: { "data-testid": `complaint-description-${id}` } }, initial.description)),
      statusCell,
      cell(
        h(
          "div",
          { class: "admin-resolve" },
          h("label", { class: "admin-sr-only", attrs: { for: chooseId } }, `Status of complaint ${id}`),
          choose,
          h("label", { class: "admin-sr-only", attrs: { for: noteId } }, `Note for complaint ${id}`),
          note,
          save,
          noteError,
          saved.el,
        ),
      ),
    );

    function paint(): void {
      statusCell.replaceChildren(h("span", { attrs: { "data-testid": `complaint-current-${id}` } }, badge(current.status)));
      if (current.updated_at !== current.created_at) {
        statusCell.append(h("span", { class: "admin-small admin-muted admin-block" }, formatDateTime(current.updated_at)));
      }
      tr.setAttribute("data-status", current.status);
      tr.className = isGasLeak(current) ? (current.status === "Pending" ? "row--alert admin-row--leak admin-row--leak-open" : "admin-row--leak") : "";
    }

    function setNoteError(message: string | null): void {
      noteError.textContent = message ?? "";
      noteError.hidden = message === null;
      if (message === null) note.removeAttribute("aria-invalid");
      else note.setAttribute("aria-invalid", "true");
    }

    save.addEventListener("click", () => {
      saved.clear();
      setNoteError(null);
      const target = choose.value as ComplaintStatus;
      const problem = resolutionProblem(target, note.value);
      if (problem !== null) {
        setNoteError(problem);
        note.focus();
        return;
      }
      if (target === current.status && note.value.trim() === current.resolution_note) {
        saved.info("Nothing changed.");
        return;
      }
      void withBusy(save, null, async () => {
        try {
          current = await ctx.backend.setComplaintStatus(current.id, target, note.value.trim());
          note.value = current.resolution_note;
          choose.value = current.status;
          paint();
          saved.ok(`Saved: ${current.status}.`);
          ctx.changed();
        } catch (raw) {
          const e = toApiError(raw);
          if (e.field === "note") {
            setNoteError(e.message);
            note.focus();
          } else {
            saved.error(e.message);
          }
        }
      });
    });
    // Ctrl+Enter in the note saves, as in most office tools.
    note.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        save.click();
      }
    });
    paint();
    return tr;
  }

  status.control.addEventListener("change", () => void list.restart());
  void list.restart();
  return {
    el: screen("complaints", screenHeader("Complaints", "complaints", refresh), toolbar(status.el, legend), error.el, list.region, list.pager),
  };
}
