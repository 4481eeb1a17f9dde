// A fake Backend for unit tests: every command fails loudly unless the test provides it.
import { makeBackend, type Backend } from "../api/backend";
import { ApiError } from "../api/error";
import type { AppInfo } from "../gen/AppInfo";
import type { CustomerHome } from "../gen/CustomerHome";
import type { DatabaseHealth } from "../gen/DatabaseHealth";
import type { PublicSettings } from "../gen/PublicSettings";
import type { Receipt } from "../gen/Receipt";

export function fakeBackend(overrides: Partial<Backend> = {}): Backend {
  const base = makeBackend(<T>(command: string): Promise<T> => Promise.reject(new ApiError("Unreachable", `not faked: ${command}`)));
  return { ...base, ...overrides };
}

export function settings(extra: Partial<PublicSettings> = {}): PublicSettings {
  return {
    agency_name: "Test Gas Agency",
    emergency_helpline: "1906",
    price: "1000.00",
    kiosk_idle_seconds: 90,
    admin_relock_seconds: 300,
    is_set_up: true,
    ...extra,
  };
}

export function appInfo(extra: Partial<AppInfo> = {}): AppInfo {
  return { kiosk: false, settings: settings(), session: { customer: null, staff: null }, gateway: "mock-razorpay", ...extra };
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

export function customerHome(extra: Partial<CustomerHome> = {}): CustomerHome {
  return {
    customer: {
      id: 7,
      username: "asha",
      full_name: "Asha Rao",
      email: "",
      phone: "",
      address: "",
      has_active_cylinder: true,
      created_at: "2025-01-01T00:00:00.000000Z",
    },
    cylinder: { cylinder_code: "ABC123", since: "2025-03-12T05:00:00.000000Z" },
    pending_complaints: 0,
    price: "1000.00",
    ...extra,
  };
}

export function receipt(extra: Partial<Receipt> = {}): Receipt {
  return {
    agency_name: "Test Gas Agency",
    booking_reference: "BK-000042",
    customer_username: "asha",
    customer_name: "Asha Rao",
    cylinder_code: "XYZ789",
    returned_cylinder_code: "ABC123",
    amount: "1000.00",
    method: "Gateway",
    payment_reference: "pay_TEST123",
    time: "2025-03-12T05:00:00.000000Z",
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
