// Real-looking data at the limits the backend accepts: long names, long unbroken words (a
// pasted link, a serial number), long descriptions and notes. Seeded through the app's own
// commands, from the page, on top of a demo database, so every screen shows it next to
// ordinary rows. Used by layout.e2e.ts to check that nothing is cut off or scrolls sideways.
import { randomUUID } from "node:crypto";
import { invokeFromPage, type Invoked } from "./app";

/** A pasted link: one "word" of 160 characters with no place to break. */
const LINK =
  "https://maps.example.com/place/Flat-1204-Sai-Krupa-Heights-Behind-Hanuman-Mandir-Near-Old-Octroi-Naka/" +
  "@19.0760,72.8777,17z/data=!3m1!4b1!4m5!3m4!1s0x0:0x0!8m2!3d19.0760!4d72.8777";

/** `length` characters of `text` repeated (the backend counts characters). */
function fill(text: string, length: number): string {
  return text.repeat(Math.ceil(length / text.length)).slice(0, length).trim();
}

export const LONG = {
  agencyName: fill("Shree Venkateshwara Lakshminarasimha Bharat Gas Domestic LPG Distributors Pvt Ltd ", 100),
  staff: { username: "venkatasubramanian.r.iyer", fullName: fill("Venkatasubramanian Ramachandran Parthasarathy Iyengar ", 100), password: "staff-pass-1234" },
  customer: {
    // 32 characters, the most a username may have.
    username: "lakshminarayanan.venkataraman.iy",
    fullName: fill("Lakshminarayanan Venkataramanasubramaniam Chidambaranathan Ramalingeswaran ", 100),
    email: "lakshminarayanan.venkataramanasubramaniam.chidambaranathan@extremely-long-domain-name.example.co.in",
    phone: "+91 98765-43210-1234",
    address: fill(`Flat 1204, Sai Krupa Heights, ${LINK} `, 300),
    password: "pass1234",
  },
  /** A consumer number at its longest: 20 characters. */
  consumerNo: "HPCL/MUM-W/000000001",
  /** Serials of 32 characters, the most a cylinder ID may have. */
  serials: ["HPCL/MUMBAI-WEST/2024-0000000001", "HPCL/MUMBAI-WEST/2024-0000000002", "HPCL/MUMBAI-WEST/2024-0000000003"],
  reason: fill(`Counter sale after the customer's regulator was replaced; see ${LINK} `, 300),
  linkComplaint: fill(`The delivery boy could not find the flat, here is the location I pasted from the map: ${LINK} `, 1000),
  unbrokenComplaint: fill("Billing-issue-the-amount-charged-was-different-from-the-receipt-", 1000),
  leakComplaint: fill("Strong smell of gas near the stove since this morning, the regulator hisses when it is turned on. ", 1000),
  note: fill(`Visited the customer, replaced the regulator and the tube; the location was ${LINK} `, 500),
} as const;

async function call(browser: WebdriverIO.Browser, command: string, args: Record<string, unknown> = {}): Promise<unknown> {
  const result: Invoked = await invokeFromPage(browser, command, args);
  if (!result.ok) throw new Error(`seeding: ${command} failed: ${JSON.stringify(result.failure)}`);
  return result.value;
}

async function asStaff(browser: WebdriverIO.Browser, work: () => Promise<void>): Promise<void> {
  await call(browser, "staff_unlock", { username: "admin", password: "admin12345" });
  try {
    await work();
  } finally {
    await call(browser, "staff_lock");
  }
}

/**
 * Adds the long data to the app's (demo) database through the backend commands, as staff and
 * as the long-named customer, and leaves nobody logged in. The long customer ends up holding
 * the first long serial and has bookings, payments and complaints in every state.
 */
export async function seedLongData(browser: WebdriverIO.Browser): Promise<void> {
  let customerId = 0;
  await asStaff(browser, async () => {
    const settings = (await call(browser, "get_settings")) as Record<string, unknown>;
    // The longest idle times allowed, so the screens stay put while the test measures them
    // (resizing the window is no input: the kiosk would log out, the admin switch relock).
    // No gap between refills: the long customer is refilled here and then books at the kiosk.
    const calm = { kiosk_idle_seconds: 3600, admin_relock_seconds: 3600, refill_gap_days: 0 };
    await call(browser, "update_settings", { settings: { ...settings, ...calm, agency_name: LONG.agencyName } });
    await call(browser, "add_staff", { username: LONG.staff.username, full_name: LONG.staff.fullName, password: LONG.staff.password });
    // 14.2 kg domestic (type 1), due for test years away.
    await call(browser, "register_cylinders", { input: { serials: [...LONG.serials], count: 0, status: "Filled", type_id: 1, test_due: "D-39" } });
    const c = LONG.customer;
    const customer = (await call(browser, "create_customer", {
      input: {
        username: c.username,
        consumer_no: LONG.consumerNo,
        type_id: 1,
        allowance: 1,
        full_name: c.fullName,
        email: c.email,
        phone: c.phone,
        address: c.address,
        password: c.password,
      },
    })) as { id: number };
    customerId = customer.id;
  });

  await call(browser, "customer_login", { username: LONG.customer.username, password: LONG.customer.password });
  const home = (await call(browser, "customer_home")) as { connections: Array<{ type_id: number; price: string }> };
  const connection = home.connections[0];
  if (connection === undefined) throw new Error("seeding: the long customer has no connection");
  await call(browser, "book_cylinder", { type_id: connection.type_id, price: connection.price, idempotency_key: randomUUID() });
  const leak = (await call(browser, "file_complaint", { issue_type: "Gas Leak", description: LONG.leakComplaint })) as { id: number };
  await call(browser, "file_complaint", { issue_type: "Other", description: LONG.linkComplaint });
  await call(browser, "file_complaint", { issue_type: "Billing Issue", description: LONG.unbrokenComplaint });
  await call(browser, "customer_logout");

  await asStaff(browser, async () => {
    // The one place this file names the cylinder field of a manual assignment.
    const assignment = { customer_id: customerId, cylinder_code: LONG.serials[0], payment: "Cash", reason: LONG.reason, override_refill_rules: false };
    await call(browser, "assign_manually", { input: assignment });
    await call(browser, "set_complaint_status", { complaint_id: leak.id, status: "Completed", note: LONG.note });
  });
}
