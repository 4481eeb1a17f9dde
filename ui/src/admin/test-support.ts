// Helpers for the admin screens' unit tests: a ScreenContext over a fake backend, and sample
// records. (Imported by *.test.ts only; the app never loads this file.)
import { vi } from "vitest";
import type { Backend } from "../api/backend";
import type { Booking } from "../gen/Booking";
import type { Complaint } from "../gen/Complaint";
import type { Connection } from "../gen/Connection";
import type { Customer } from "../gen/Customer";
import type { Cylinder } from "../gen/Cylinder";
import type { CylinderType } from "../gen/CylinderType";
import type { Dashboard } from "../gen/Dashboard";
import type { Page } from "../gen/Page";
import type { Receipt } from "../gen/Receipt";
import type { SaleDocument } from "../gen/SaleDocument";
import type { TypeStock } from "../gen/TypeStock";
import { fakeBackend, connection as sharedConnection, saleDocument as sharedSaleDocument } from "../testing/fake-backend";
import type { ScreenContext } from "./context";

/** A screen context whose host is attached to the document (dialogs, focus). */
export function screenContext(overrides: Partial<Backend> = {}) {
  const host = document.createElement("div");
  host.className = "admin";
  document.body.replaceChildren(host);
  const navigate = vi.fn();
  const changed = vi.fn();
  const ctx: ScreenContext = { backend: fakeBackend(overrides), kiosk: false, host, navigate, changed };
  return { ctx, host, navigate, changed };
}

/** Shows a screen's element inside the context's host. */
export function show(host: HTMLElement, el: HTMLElement): HTMLElement {
  host.replaceChildren(el);
  return el;
}

export function pageOf<T>(items: T[], offset = 0, has_more = false): Promise<Page<T>> {
  return Promise.resolve({ items, offset, has_more });
}

export function cylinder(id: number, code: string, extra: Partial<Cylinder> = {}): Cylinder {
  return {
    id: id,
    cylinder_code: code,
    type_id: 1,
    type_name: "14.2 kg domestic",
    status: "Filled",
    test_due: "2028-09-30",
    test_due_stamp: "C-28",
    due_for_test: false,
    hold: null,
    hold_reason: "",
    assigned_to: null,
    assigned_to_username: null,
    assigned_to_consumer_no: null,
    reserved: false,
    filled_at: "2025-03-01T05:00:00.000000Z",
    updated_at: "2025-03-01T05:00:00.000000Z",
    ...extra,
  };
}

export function complaint(id: number, extra: Partial<Complaint> = {}): Complaint {
  return {
    id: id,
    user_id: 7,
    username: "asha",
    consumer_no: "7100000007",
    issue_type: "Billing Issue",
    description: `Complaint ${id}`,
    status: "Pending",
    resolution_note: "",
    created_at: "2025-03-12T05:00:00.000000Z",
    updated_at: "2025-03-12T05:00:00.000000Z",
    ...extra,
  };
}

export function customer(id: number, username: string, extra: Partial<Customer> = {}): Customer {
  return {
    id: id,
    username,
    consumer_no: `71000000${String(id).padStart(2, "0")}`,
    full_name: "Asha Rao",
    email: "",
    phone: "9840012345",
    address: "",
    has_active_cylinder: false,
    created_at: "2025-01-01T00:00:00.000000Z",
    ...extra,
  };
}

export function booking(id: number, extra: Partial<Booking> = {}): Booking {
  return {
    id: id,
    reference: `BK-${String(id).padStart(6, "0")}`,
    user_id: 7,
    username: "asha",
    consumer_no: "7100000007",
    cylinder_code: "ABC123",
    returned_cylinder_code: null,
    booking_date: "2025-03-12T05:00:00.000000Z",
    status: "Completed",
    source: "SelfService",
    amount: "1000.00",
    note: "",
    payment_status: "Success",
    payment_ref: "pay_TEST1",
    refund: null,
    ...extra,
  };
}

export function dashboard(extra: Partial<Dashboard> = {}): Dashboard {
  return {
    seller_details_missing: false,
    stock: { filled: 40, assigned: 30, empty: 4, reserved: 1 },
    low_stock: false,
    stock_by_type: [typeStock(1, "14.2 kg domestic", { filled: 32, assigned: 28, empty: 3, available: 29, held_or_due: 2 }), typeStock(2, "5 kg domestic")],
    low_stock_threshold: 20,
    pending_bookings: 1,
    open_complaints: 3,
    open_gas_leaks: 1,
    refunds_needing_attention: 0,
    last_good_backup_at: "2025-03-12T00:30:00.000000Z",
    last_backup_error: null,
    backup_overdue: false,
    revenue_today: "3000.00",
    revenue_this_month: "125000.00",
    recent_days: [
      { day: "2025-03-11", completed_bookings: 4 },
      { day: "2025-03-12", completed_bookings: 6 },
    ],
    ...extra,
  };
}

export function cylinderType(id: number, name: string, extra: Partial<CylinderType> = {}): CylinderType {
  return { id, name, category: "Domestic", price: "1000.00", gst_rate_bp: 500, hsn: "2711", active: true, ...extra };
}

/** The demo's three types: 14.2 kg and 5 kg domestic at 5 %, 19 kg commercial at 18 %. */
export function demoTypes(): CylinderType[] {
  return [
    cylinderType(1, "14.2 kg domestic"),
    cylinderType(2, "5 kg domestic", { price: "350.00" }),
    cylinderType(3, "19 kg commercial", { category: "Commercial", price: "1750.00", gst_rate_bp: 1800 }),
  ];
}

export function typeStock(type_id: number, type_name: string, extra: Partial<TypeStock> = {}): TypeStock {
  return { type_id, type_name, active: true, filled: 8, assigned: 2, empty: 1, available: 8, held_or_due: 0, undated: 0, low: false, ...extra };
}

export function connection(type_id: number, type_name: string, extra: Partial<Connection> = {}): Connection {
  return sharedConnection({ type_id, type_name, ...extra });
}

/** A tax invoice of ₹1,000.00 at 5 % for a cash sale at the counter (FIL004 to asha). */
export function saleDocument(extra: Partial<SaleDocument> = {}): SaleDocument {
  return sharedSaleDocument({
    number: "GD/2026-27/000012",
    issued_at: "2026-11-12T05:00:00.000000Z",
    booking_reference: "BK-000077",
    customer_address: "",
    consumer_no: "7100000007",
    cylinder_code: "FIL004",
    payment_method: "Cash",
    payment_reference: "cash_BK-000077",
    ...extra,
  });
}

/** What a manual assignment answers: a cash sale of FIL004 to asha, with its invoice. */
export function assignmentReceipt(extra: Partial<Receipt> = {}): Receipt {
  return {
    agency_name: "Sri Lakshmi Gas Agency",
    booking_reference: "BK-000077",
    customer_username: "asha",
    customer_name: "Asha Rao",
    consumer_no: "7100000007",
    cylinder_code: "FIL004",
    type_name: "14.2 kg domestic",
    returned_cylinder_code: "OLD001",
    amount: "1000.00",
    method: "Cash",
    payment_reference: "cash_BK-000077",
    time: "2026-11-12T05:00:00.000000Z",
    document: saleDocument(),
    helpline: "1906",
    ...extra,
  };
}

/** Types into an input and fires `input`. */
export function type(input: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

/** Picks a select's option and fires `change`. */
export function choose(selectEl: HTMLSelectElement, value: string): void {
  selectEl.value = value;
  selectEl.dispatchEvent(new Event("change", { bubbles: true }));
}
