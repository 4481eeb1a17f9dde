// Helpers for the admin screens' unit tests: a ScreenContext over a fake backend, and sample
// records. (Imported by *.test.ts only; the app never loads this file.)
import { vi } from "vitest";
import type { Backend } from "../api/backend";
import type { Booking } from "../gen/Booking";
import type { Complaint } from "../gen/Complaint";
import type { Customer } from "../gen/Customer";
import type { Cylinder } from "../gen/Cylinder";
import type { Dashboard } from "../gen/Dashboard";
import type { Page } from "../gen/Page";
import { fakeBackend } from "../testing/fake-backend";
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
    status: "Filled",
    assigned_to: null,
    assigned_to_username: null,
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
    stock: { filled: 40, assigned: 30, empty: 4, reserved: 1 },
    low_stock: false,
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
