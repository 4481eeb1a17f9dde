// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/error";
import type { BookingFilter } from "../../gen/BookingFilter";
import type { ManualAssignment } from "../../gen/ManualAssignment";
import type { PageRequest } from "../../gen/PageRequest";
import { byTestId, receipt, settle } from "../../testing/fake-backend";
import { booking, customer, cylinder, pageOf, screenContext, show, type } from "../test-support";
import { bookingsScreen, cancelOutcome } from "./bookings";

function settings() {
  return Promise.resolve({
    price: "1000.00",
    low_stock_threshold: 20,
    kiosk_idle_seconds: 90,
    admin_relock_seconds: 300,
    agency_name: "Test",
    emergency_helpline: "1906",
    max_open_complaints: 3,
    backup_folder: "",
    backup_every_hours: 24,
    backups_to_keep: 14,
    serve_kiosks: false,
    kiosk_port: 7443,
  });
}

function enter(input: HTMLElement): void {
  input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
}

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

  it("manual assignment: every missing choice is shown beside its field", async () => {
    const assignManually = vi.fn();
    const { ctx, host } = screenContext({
      listBookings: () => pageOf([]),
      listCylinders: () => pageOf([cylinder(4, "FIL004")]),
      getSettings: settings,
      assignManually,
    });
    show(host, bookingsScreen(ctx).el);
    await settle();
    byTestId(host, "bookings-assign-open").click();
    await settle();
    byTestId(host, "assign-submit").click();
    await settle();
    expect(byTestId(host, "assign-customer-search-error").textContent).toBe("Choose a customer from the list.");
    expect(byTestId(host, "assign-cylinder-error").textContent).toContain("Enter the cylinder ID");
    expect(byTestId(host, "assign-reason-error").textContent).toBe("Please enter the reason.");
    expect(byTestId(host, "assign-payment-error").textContent).toBe("Choose Cash or Free.");
    expect(assignManually).not.toHaveBeenCalled();
  });

  it("manual assignment: pick a customer and a Filled cylinder, Free with a reason → receipt", async () => {
    const searchCustomers = vi.fn((_q: string, _p: PageRequest) => pageOf([customer(7, "asha", { has_active_cylinder: true })]));
    const assignManually = vi.fn((_input: ManualAssignment) =>
      Promise.resolve(receipt({ booking_reference: "BK-000077", cylinder_code: "FIL004", amount: "0.00", method: null, payment_reference: null })),
    );
    const { ctx, host, changed } = screenContext({
      listBookings: () => pageOf([]),
      listCylinders: () => pageOf([cylinder(4, "FIL004"), cylinder(5, "FIL005", { reserved: true })]),
      getSettings: settings,
      searchCustomers,
      assignManually,
    });
    show(host, bookingsScreen(ctx).el);
    await settle();
    byTestId(host, "bookings-assign-open").click();
    await settle();
    expect(host.querySelector('[data-testid="assign-cylinder-option-FIL005"]')).toBeNull(); // reserved: not offered
    expect(byTestId(host, "assign-cash").parentElement?.textContent).toBe("Cash collected (₹1,000.00)");

    const search = byTestId<HTMLInputElement>(host, "assign-customer-search");
    type(search, "as");
    enter(search);
    await settle();
    expect(searchCustomers).toHaveBeenLastCalledWith("as", { offset: 0, limit: 8 });
    byTestId(host, "assign-customer-option-asha").click();
    expect(byTestId(host, "assign-customer-chosen").textContent).toContain("asha");
    byTestId(host, "assign-cylinder-option-FIL004").click();
    expect(byTestId<HTMLInputElement>(host, "assign-cylinder").value).toBe("FIL004");
    byTestId(host, "assign-free").click();
    type(byTestId<HTMLInputElement>(host, "assign-reason"), "Replacement for a leaking cylinder");
    byTestId(host, "assign-submit").click();
    await settle();

    expect(assignManually).toHaveBeenCalledWith({ customer_id: 7, cylinder_code: "FIL004", payment: "Free", reason: "Replacement for a leaking cylinder" });
    expect(byTestId(host, "assign-receipt").textContent).toContain("BK-000077");
    expect(byTestId(host, "assign-receipt-payment").textContent).toBe("Free (no payment)");
    expect(changed).toHaveBeenCalled();
  });

  it("manual assignment: the backend's refusal is shown on the form", async () => {
    const { ctx, host } = screenContext({
      listBookings: () => pageOf([]),
      listCylinders: () => pageOf([]),
      getSettings: settings,
      searchCustomers: () => pageOf([customer(7, "asha")]),
      assignManually: () => Promise.reject(new ApiError("Conflict", "Cylinder ZZZ999 is Empty; only a Filled cylinder can be assigned.")),
    });
    show(host, bookingsScreen(ctx).el);
    await settle();
    byTestId(host, "bookings-assign-open").click();
    const search = byTestId<HTMLInputElement>(host, "assign-customer-search");
    type(search, "asha");
    enter(search);
    await settle();
    byTestId(host, "assign-customer-option-asha").click();
    type(byTestId<HTMLInputElement>(host, "assign-cylinder"), "zzz999");
    byTestId(host, "assign-cash").click();
    type(byTestId<HTMLInputElement>(host, "assign-reason"), "Counter sale");
    byTestId(host, "assign-submit").click();
    await settle();
    expect(byTestId(host, "assign-error").textContent).toBe("Cylinder ZZZ999 is Empty; only a Filled cylinder can be assigned.");
  });

  it("describes each cancellation outcome in plain words", () => {
    expect(cancelOutcome(booking(1, { status: "Cancelled", payment_status: "Failed" }))).toContain("No payment was received; if one still goes through, GasDesk refunds it.");
    expect(cancelOutcome(booking(1, { status: "Cancelled", payment_status: null, amount: "0.00" }))).toContain("no payment to refund");
    expect(cancelOutcome(booking(1, { status: "Cancelled", payment_status: "Success" }))).toContain("refund it by hand");
  });
});
