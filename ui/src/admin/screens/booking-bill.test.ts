// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/error";
import { byTestId, queryTestId, saleDocument, settle } from "../../testing/fake-backend";
import { booking, pageOf, screenContext, show } from "../test-support";
import { bookingsScreen } from "./bookings";

const invoice = saleDocument({ id: 21, number: "GD/2025-26/000021" });
const creditNote = saleDocument({ id: 22, kind: "CreditNote", number: "CN/2025-26/000004", refers_to_number: "GD/2025-26/000021" });

describe("the Bill action of a booking", () => {
  it("lists the booking's documents and opens one in the invoice view, printing the copy it records", async () => {
    const bookingDocuments = vi.fn((_id: number) => Promise.resolve([invoice, creditNote]));
    const printDocument = vi.fn((_id: number) => Promise.resolve({ ...creditNote, copy: "Duplicate" as const }));
    const print = vi.fn();
    window.print = print;
    const { ctx, host } = screenContext({
      listBookings: () => pageOf([booking(21, { status: "Cancelled", payment_status: "Refunded", refund: "Refunded" })]),
      bookingDocuments,
      printDocument,
    });
    show(host, bookingsScreen(ctx).el);
    await settle();
    byTestId(host, "bookings-bill-BK-000021").click();
    await settle();
    expect(bookingDocuments).toHaveBeenCalledWith(21);
    expect(byTestId(host, "bill-doc-21").textContent).toContain("Tax Invoice");
    expect(byTestId(host, "bill-doc-21").textContent).toContain("GD/2025-26/000021");
    expect(byTestId(host, "bill-doc-22").textContent).toContain("Credit Note");

    byTestId(host, "bill-open-22").click();
    expect(byTestId(host, "invoice-title").textContent).toBe("Credit Note");
    expect(byTestId(host, "invoice-against").textContent).toBe("against invoice GD/2025-26/000021");
    byTestId(host, "invoice-print").click();
    await settle();
    expect(printDocument).toHaveBeenCalledWith(22);
    expect(print).toHaveBeenCalledOnce();
    expect(byTestId(host, "invoice-copy").textContent).toBe("Duplicate");

    byTestId(host, "bill-back").click();
    expect(queryTestId(host, "bill-list")).not.toBeNull();
    document.body.classList.remove("printing-document");
  });

  it("says so when a booking has no document, and offers no Bill while it waits for payment", async () => {
    const { ctx, host } = screenContext({
      listBookings: () => pageOf([booking(5), booking(6, { status: "Pending", payment_status: "Pending" })]),
      bookingDocuments: () => Promise.resolve([]),
    });
    show(host, bookingsScreen(ctx).el);
    await settle();
    expect(queryTestId(host, "bookings-bill-BK-000006")).toBeNull();
    byTestId(host, "bookings-bill-BK-000005").click();
    await settle();
    expect(byTestId(host, "bill-none").textContent).toContain("before GasDesk issued invoices");
  });

  it("shows a refusal in plain words", async () => {
    const { ctx, host } = screenContext({
      listBookings: () => pageOf([booking(5)]),
      bookingDocuments: () => Promise.reject(new ApiError("Busy", "The database is busy. Please try again.")),
    });
    show(host, bookingsScreen(ctx).el);
    await settle();
    byTestId(host, "bookings-bill-BK-000005").click();
    await settle();
    expect(byTestId(host, "bill-error").textContent).toBe("The database is busy. Please try again.");
  });
});
