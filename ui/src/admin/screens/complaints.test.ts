// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/error";
import type { ComplaintStatus } from "../../gen/ComplaintStatus";
import { byTestId, settle } from "../../testing/fake-backend";
import { choose, complaint, pageOf, screenContext, show, type } from "../test-support";
import { complaintsScreen, resolutionProblem } from "./complaints";

const HOSTILE = "<img src=x onerror=alert(1)>";

describe("complaints queue", () => {
  it("asks for Pending first, shows a hostile description as plain text and highlights the gas leak", async () => {
    const complaintQueue = vi.fn((_status: ComplaintStatus | null, _page: { offset: number; limit: number }) =>
      pageOf([complaint(5, { issue_type: "Gas Leak", description: HOSTILE }), complaint(2)]),
    );
    const { ctx, host } = screenContext({ complaintQueue });
    show(host, complaintsScreen(ctx).el);
    await settle();

    expect(complaintQueue).toHaveBeenCalledWith("Pending", { offset: 0, limit: 25 });
    expect(byTestId(host, "complaint-description-5").textContent).toBe(HOSTILE);
    expect(host.querySelector("img")).toBeNull();
    const leakRow = byTestId(host, "complaint-row-5");
    expect(leakRow.classList.contains("admin-row--leak")).toBe(true);
    expect(leakRow.classList.contains("admin-row--leak-open")).toBe(true);
    expect(byTestId(host, "complaint-type-5").querySelector(".badge--gas-leak")?.textContent).toBe("Gas Leak");
    expect(byTestId(host, "complaint-row-2").classList.contains("admin-row--leak")).toBe(false);
  });

  it("requires a note to close a complaint, beside the note, without calling the backend", async () => {
    const setComplaintStatus = vi.fn();
    const { ctx, host } = screenContext({ complaintQueue: () => pageOf([complaint(2)]), setComplaintStatus });
    show(host, complaintsScreen(ctx).el);
    await settle();

    choose(byTestId<HTMLSelectElement>(host, "complaint-status-2"), "Completed");
    byTestId(host, "complaint-save-2").click();
    await settle();
    const error = byTestId(host, "complaint-note-2-error");
    expect(error.hidden).toBe(false);
    expect(error.textContent).toContain("required to close");
    expect(byTestId(host, "complaint-note-2").getAttribute("aria-invalid")).toBe("true");
    expect(setComplaintStatus).not.toHaveBeenCalled();
  });

  it("saves status and note and shows the new status in the row", async () => {
    const setComplaintStatus = vi.fn((id: number, status: ComplaintStatus, note: string) =>
      Promise.resolve(complaint(id, { status, resolution_note: note, updated_at: "2025-03-13T05:00:00.000000Z" })),
    );
    const { ctx, host, changed } = screenContext({ complaintQueue: () => pageOf([complaint(2)]), setComplaintStatus });
    show(host, complaintsScreen(ctx).el);
    await settle();

    choose(byTestId<HTMLSelectElement>(host, "complaint-status-2"), "Completed");
    type(byTestId<HTMLTextAreaElement>(host, "complaint-note-2"), "  Replaced the regulator.  ");
    byTestId(host, "complaint-save-2").click();
    await settle();
    expect(setComplaintStatus).toHaveBeenCalledWith(2, "Completed", "Replaced the regulator.");
    expect(byTestId(host, "complaint-current-2").textContent).toBe("Completed");
    expect(byTestId(host, "complaint-saved-2").textContent).toContain("Saved");
    expect(changed).toHaveBeenCalled();
  });

  it("shows the backend's note error beside the note", async () => {
    const setComplaintStatus = vi.fn(() => Promise.reject(new ApiError("Invalid", "The note cannot contain control characters.", "note")));
    const { ctx, host } = screenContext({ complaintQueue: () => pageOf([complaint(2)]), setComplaintStatus });
    show(host, complaintsScreen(ctx).el);
    await settle();

    type(byTestId<HTMLTextAreaElement>(host, "complaint-note-2"), "bad");
    byTestId(host, "complaint-save-2").click();
    await settle();
    expect(byTestId(host, "complaint-note-2-error").textContent).toBe("The note cannot contain control characters.");
  });

  it("reloads with the chosen status, All meaning no status", async () => {
    const complaintQueue = vi.fn((_status: ComplaintStatus | null, _page: { offset: number; limit: number }) => pageOf([complaint(2)]));
    const { ctx, host } = screenContext({ complaintQueue });
    show(host, complaintsScreen(ctx).el);
    await settle();
    choose(byTestId<HTMLSelectElement>(host, "complaints-status"), "");
    await settle();
    expect(complaintQueue).toHaveBeenLastCalledWith(null, { offset: 0, limit: 25 });
  });

  it("needs a note only to close", () => {
    expect(resolutionProblem("Pending", "")).toBeNull();
    expect(resolutionProblem("Cancelled", "  ")).not.toBeNull();
    expect(resolutionProblem("Completed", "x".repeat(501))).toContain("at most 500");
  });
});
