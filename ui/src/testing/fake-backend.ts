// A fake Backend for unit tests: every command fails loudly unless the test provides it.
import { makeBackend, type Backend } from "../api/backend";
import { ApiError } from "../api/error";
import type { AppInfo } from "../gen/AppInfo";
import type { Connection } from "../gen/Connection";
import type { CustomerHome } from "../gen/CustomerHome";
import type { DatabaseHealth } from "../gen/DatabaseHealth";
import type { PublicSettings } from "../gen/PublicSettings";
import type { Receipt } from "../gen/Receipt";
import type { SaleDocument } from "../gen/SaleDocument";

export function fakeBackend(overrides: Partial<Backend> = {}): Backend {
  const base = makeBackend(<T>(command: string): Promise<T> => Promise.reject(new ApiError("Unreachable", `not faked: ${command}`)));
  return { ...base, ...overrides };
}

export function settings(extra: Partial<PublicSettings> = {}): PublicSettings {
  return {
    agency_name: "Test Gas Agency",
    emergency_helpline: "1906",
    kiosk_idle_seconds: 90,
    admin_relock_seconds: 300,
    is_set_up: true,
    ...extra,
  };
}

export function appInfo(extra: Partial<AppInfo> = {}): AppInfo {
  return { kiosk: false, settings: settings(), session: { customer: null, staff: null }, gateway: "mock-razorpay", language: "en", ...extra };
}

/** A damaged database as the backend reports it; pass `{ damaged: false, … }` for a sound one. */
export function damagedHealth(extra: Partial<DatabaseHealth> = {}): DatabaseHealth {
  return {
    damaged: true,
    problem: "The check after start found the database file damaged: Tree 12 page 12: btreeInitPage() returns error code 11",
    last_backup: "/data/backups/gasdesk-20250312-050000.db",
    restore_command: 'gasdesk restore --db "/data/gasdesk.db" --from "/data/backups/gasdesk-20250312-050000.db"',
    ...extra,
  };
}

/** A single-bottle 14.2 kg connection holding one cylinder, bookable now. */
export function connection(extra: Partial<Connection> = {}): Connection {
  return {
    type_id: 1,
    type_name: "14.2 kg domestic",
    allowance: 1,
    held: 1,
    price: "1000.00",
    type_active: true,
    refills_this_year: 3,
    refills_left: 12,
    next_refill_from: null,
    refill_blocked: null,
    refill_rule: null,
    ...extra,
  };
}

export function customerHome(extra: Partial<CustomerHome> = {}): CustomerHome {
  return {
    customer: {
      id: 7,
      username: "asha",
      consumer_no: "7100000042",
      full_name: "Asha Rao",
      email: "",
      phone: "",
      address: "",
      has_active_cylinder: true,
      created_at: "2025-01-01T00:00:00.000000Z",
    },
    cylinders: [{ cylinder_code: "ABC123", type_name: "14.2 kg domestic", since: "2025-03-12T05:00:00.000000Z" }],
    connections: [connection()],
    pending_complaints: 0,
    ...extra,
  };
}

/** The tax invoice of a ₹1,000.00 refill at 5 % GST, as the backend issues it (first print to come). */
export function saleDocument(extra: Partial<SaleDocument> = {}): SaleDocument {
  return {
    id: 12,
    kind: "Invoice",
    number: "GD/2025-26/000012",
    copy: "Original",
    issued_at: "2025-04-12T05:00:00.000000Z",
    booking_reference: "BK-000042",
    refers_to_number: null,
    refers_to_date: null,
    seller_name: "Sri Lakshmi Gas Agency Private Limited",
    seller_address: "12 Station Road, Jayanagar, Bengaluru 560041",
    seller_gstin: "29AAGCG1234K1ZJ",
    seller_state: "Karnataka (29)",
    customer_name: "Asha Rao",
    consumer_no: "7100000042",
    customer_address: "4 Temple Lane, Bengaluru",
    type_name: "14.2 kg domestic",
    hsn: "2711",
    gst_rate_percent: "5",
    half_rate_percent: "2.5",
    cylinder_code: "XYZ789",
    total: "1000.00",
    taxable: "952.38",
    cgst: "23.81",
    sgst: "23.81",
    amount_in_words: "One Thousand Rupees Only",
    amount_in_words_hi: "एक हज़ार रुपये मात्र",
    payment_method: "Gateway",
    payment_reference: "pay_TEST123",
    helpline: "1906",
    ...extra,
  };
}

/** A receipt of a sale with its invoice; `{ document: null }` for a booking from before invoices. */
export function receipt(extra: Partial<Receipt> = {}): Receipt {
  return {
    agency_name: "Test Gas Agency",
    booking_reference: "BK-000042",
    customer_username: "asha",
    customer_name: "Asha Rao",
    consumer_no: "7100000042",
    cylinder_code: "XYZ789",
    type_name: "14.2 kg domestic",
    returned_cylinder_code: "ABC123",
    amount: "1000.00",
    method: "Gateway",
    payment_reference: "pay_TEST123",
    time: "2025-03-12T05:00:00.000000Z",
    document: saleDocument(),
    helpline: "1906",
    ...extra,
  };
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise<void>((resolve) => queueMicrotask(resolve));
}

/** The element with this data-testid, or a failed test. */
export function byTestId<T extends HTMLElement = HTMLElement>(root: ParentNode, id: string): T {
  const el = root.querySelector<T>(`[data-testid="${id}"]`);
  if (el === null) throw new Error(`no element with data-testid="${id}"`);
  return el;
}

export function queryTestId(root: ParentNode, id: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
}
