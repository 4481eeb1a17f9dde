// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/error";
import type { Complaint } from "../../gen/Complaint";
import type { PageRequest } from "../../gen/PageRequest";
import { byTestId, queryTestId, settle } from "../../testing/fake-backend";
import { customerContext, mount } from "../../testing/customer-context";
import { resetLanguage, setLanguage } from "../../i18n";
import { complaintsScreen } from "./complaints";

const complaint = (id: number, extra: Partial<Complaint> = {}): Complaint => ({
  id: id,
  user_id: 7,
  username: "asha",
  consumer_no: "7100000007",
  issue_type: "Billing Issue",
  description: `Complaint ${id} <b>not bold</b>`,
  status: "Pending",
  resolution_note: "",
  created_at: "2025-03-12T05:00:00Z",
  updated_at: "2025-03-12T05:00:00Z",
  ...extra,
});

describe("my complaints", () => {
  it("lists status badges, staff notes, and shows text as text", async () => {
    const items = [complaint(3), complaint(2, { status: "Completed", resolution_note: "Fixed the regulator." }), complaint(1, { status: "Cancelled" })];
    const { ctx } = customerContext({ myComplaints: () => Promise.resolve({ items, offset: 0, has_more: false }) });
    const el = mount(complaintsScreen(ctx).el);
    await settle();
    expect(byTestId(el, "complaint-status-3").textContent).toBe("Pending");
    expect(byTestId(el, "complaint-status-3").className).toContain("badge--pending");
    expect(byTestId(el, "complaint-status-2").className).toContain("badge--completed");
    expect(byTestId(el, "complaint-note-2").textContent).toContain("Fixed the regulator.");
    expect(byTestId(el, "complaint-description-3").textContent).toBe("Complaint 3 <b>not bold</b>");
    expect(el.querySelector("b")).toBeNull();
    expect(queryTestId(el, "complaint-cancel-3")).not.toBeNull();
    expect(queryTestId(el, "complaint-cancel-2")).toBeNull();
    expect(queryTestId(el, "complaint-cancel-1")).toBeNull();
  });

  it("cancels a pending complaint only after the confirm step", async () => {
    const cancelMyComplaint = vi.fn((id: number) => Promise.resolve(complaint(id, { status: "Cancelled" })));
    const { ctx } = customerContext({
      myComplaints: () => Promise.resolve({ items: [complaint(5)], offset: 0, has_more: false }),
      cancelMyComplaint,
    });
    const el = mount(complaintsScreen(ctx).el);
    await settle();
    byTestId(el, "complaint-cancel-5").click();
    expect(cancelMyComplaint).not.toHaveBeenCalled();
    byTestId(el, "complaint-cancel-keep-5").click();
    expect(queryTestId(el, "complaint-cancel-confirm-5")).toBeNull();
    byTestId(el, "complaint-cancel-5").click();
    byTestId(el, "complaint-cancel-confirm-5").click();
    await settle();
    expect(cancelMyComplaint).toHaveBeenCalledWith(5);
    expect(byTestId(el, "complaint-status-5").textContent).toBe("Cancelled");
    expect(queryTestId(el, "complaint-cancel-5")).toBeNull();
  });

  it("shows a refused cancel in the catalog's words for its code", async () => {
    const { ctx } = customerContext({
      myComplaints: () => Promise.resolve({ items: [complaint(5)], offset: 0, has_more: false }),
      cancelMyComplaint: () => Promise.reject(new ApiError("Conflict", "This complaint is already Completed.")),
    });
    const el = mount(complaintsScreen(ctx).el);
    await settle();
    byTestId(el, "complaint-cancel-5").click();
    byTestId(el, "complaint-cancel-confirm-5").click();
    await settle();
    expect(byTestId(el, "complaint-message-5").textContent).toBe("This could not be done just now. Please look again, or ask the staff.");
  });

  it("says a complaint closed meanwhile cannot be cancelled, in Hindi when Hindi is chosen", async () => {
    setLanguage("hi");
    try {
      const english = "This complaint is already Completed.";
      const { ctx } = customerContext({
        myComplaints: () => Promise.resolve({ items: [complaint(5)], offset: 0, has_more: false }),
        cancelMyComplaint: () => Promise.reject(new ApiError("Conflict", english, undefined, { reason: "ComplaintClosed", status: "Completed" })),
      });
      const el = mount(complaintsScreen(ctx).el);
      await settle();
      byTestId(el, "complaint-cancel-5").click();
      byTestId(el, "complaint-cancel-confirm-5").click();
      await settle();
      const shown = byTestId(el, "complaint-message-5").textContent ?? "";
      expect(shown).toBe("यह शिकायत पहले ही पूरी हो चुकी है।");
      expect(shown).not.toContain("Completed");
    } finally {
      resetLanguage();
    }
  });

  it("pages with Previous / Next, asking for one page at a time", async () => {
    const asked: PageRequest[] = [];
    const myComplaints = (page: PageRequest) => {
      asked.push(page);
      const items = page.offset === 0 ? [1, 2, 3, 4, 5].map((n) => complaint(n)) : [complaint(6)];
      return Promise.resolve({ items, offset: page.offset, has_more: page.offset === 0 });
    };
    const { ctx } = customerContext({ myComplaints });
    const el = mount(complaintsScreen(ctx).el);
    await settle();
    const next = byTestId<HTMLButtonElement>(el, "complaints-next");
    expect(byTestId<HTMLButtonElement>(el, "complaints-prev").disabled).toBe(true);
    expect(next.disabled).toBe(false);
    next.click();
    await settle();
    expect(asked).toEqual([
      { offset: 0, limit: 5 },
      { offset: 5, limit: 5 },
    ]);
    expect(queryTestId(el, "complaint-item-6")).not.toBeNull();
    expect(byTestId<HTMLButtonElement>(el, "complaints-next").disabled).toBe(true);
    byTestId(el, "complaints-prev").click();
    await settle();
    expect(asked.at(-1)).toEqual({ offset: 0, limit: 5 });
    expect(byTestId(el, "complaints-page").textContent).toBe("Page 1");
  });

  it("offers to report an issue when there are none", async () => {
    const { ctx, go } = customerContext({ myComplaints: () => Promise.resolve({ items: [], offset: 0, has_more: false }) });
    const el = mount(complaintsScreen(ctx).el);
    await settle();
    byTestId(el, "complaints-report").click();
    expect(go.report).toHaveBeenCalled();
  });
});
