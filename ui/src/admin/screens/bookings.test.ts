// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/error";
import type { BookingFilter } from "../../gen/BookingFilter";
import type { PageRequest } from "../../gen/PageRequest";
import { byTestId, settle } from "../../testing/fake-backend";
import { booking, pageOf, screenContext, show, type } from "../test-support";
import { bookingsScreen, cancelOutcome } from "./bookings";

// Manual assignment, the panel this screen opens, is tested in manual-assignment.test.ts.

describe("a refund the gateway has not confirmed", () => {
  it("shows beside the payment and never reads as refunded", async () => {
    const open = booking(3, { status: "Cancelled", payment_status: "Success", refund: "Failed" });
    const { ctx, host } = screenContext({ listBookings: () => pageOf([open]) });
    show(host, bookingsScreen(ctx).el);
    await settle();
    expect(byTestId(host, "booking-refund-BK-000003").textContent).toContain("Refund refused by the gateway");
    expect(cancelOutcome(open)).toContain("not confirmed by the payment gateway yet");
    expect(cancelOutcome(open)).not.toContain("refunded (");
  });

  it("a refused refund can be marked as given by hand, only with a note", async () => {
    const open = booking(3, { status: "Cancelled", payment_status: "Success", refund: "Failed" });
    const settleRefundByHand = vi.fn((_id: number, _note: string) =>
      Promise.resolve(booking(3, { status: "Cancelled", payment_status: "Refunded", refund: "Refunded" })),
    );
    const { ctx, host } = screenContext({ listBookings: () => pageOf([open]), settleRefundByHand });
    show(host, bookingsScreen(ctx).el);
    await settle();
    byTestId(host, "bookings-settle-BK-000003").click();
    byTestId(host, "booking-settle-dialog-confirm").click();
    await settle();
    expect(settleRefundByHand).not.toHaveBeenCalled();
    type(byTestId<HTMLTextAreaElement>(host, "booking-settle-note"), "cash at the counter");
    byTestId(host, "booking-settle-dialog-confirm").click();
    await settle();
    expect(settleRefundByHand).toHaveBeenCalledWith(3, "cash at the counter");
    expect(byTestId(host, "bookings-notice").textContent).toContain("recorded as given by hand");
  });

  it("offers no hand refund while the gateway may still pay it", async () => {
    const { ctx, host } = screenContext({ listBookings: () => pageOf([booking(4, { status: "Cancelled", refund: "Pending" })]) });
    show(host, bookingsScreen(ctx).el);
    await settle();
    expect(host.querySelector('[data-testid="bookings-settle-BK-000004"]')).toBeNull();
  });
});

describe("bookings", () => {
  it("finds a booking by reference and says so beside the box when there is none", async () => {
    const listBookings = vi.fn((_f: BookingFilter, reference: string, _p: PageRequest) =>
      reference === "" ? pageOf([booking(1)]) : Promise.reject(new ApiError("NotFound", "Booking was not found.")),
    );
    const { ctx, host } = screenContext({ listBookings });
    show(host, bookingsScreen(ctx).el);
    await settle();
    expect(byTestId(host, "booking-row-BK-000001")).toBeTruthy();
    type(byTestId<HTMLInputElement>(host, "bookings-reference"), "BK-000999");
    byTestId(host, "bookings-find").click();
    await settle();
    expect(listBookings).toHaveBeenLastCalledWith({}, "BK-000999", { offset: 0, limit: 50 });
    expect(byTestId(host, "bookings-reference-error").textContent).toBe("No booking BK-000999.");
  });

  it("cancels only with a reason and says what happened to the money", async () => {
    const cancelBooking = vi.fn((_id: number, _reason: string) => Promise.resolve(booking(1, { status: "Cancelled", payment_status: "Refunded" })));
    const { ctx, host } = screenContext({ listBookings: () => pageOf([booking(1)]), cancelBooking });
    show(host, bookingsScreen(ctx).el);
    await settle();
    byTestId(host, "bookings-cancel-BK-000001").click();
    byTestId(host, "booking-cancel-dialog-confirm").click();
    await settle();
    expect(byTestId(host, "booking-cancel-reason-error").textContent).toBe("Please enter the reason.");
    expect(cancelBooking).not.toHaveBeenCalled();
    type(byTestId<HTMLTextAreaElement>(host, "booking-cancel-reason"), "Customer asked");
    byTestId(host, "booking-cancel-dialog-confirm").click();
    await settle();
    expect(cancelBooking).toHaveBeenCalledWith(1, "Customer asked");
    expect(byTestId(host, "bookings-notice").textContent).toContain("₹1,000.00 refunded (pay_TEST1)");
  });

  it("describes each cancellation outcome in plain words", () => {
    expect(cancelOutcome(booking(1, { status: "Cancelled", payment_status: "Failed" }))).toContain("No payment was received; if one still goes through, GasDesk refunds it.");
    expect(cancelOutcome(booking(1, { status: "Cancelled", payment_status: null, amount: "0.00" }))).toContain("no payment to refund");
    expect(cancelOutcome(booking(1, { status: "Cancelled", payment_status: "Success" }))).toContain("refund it by hand");
  });
});
