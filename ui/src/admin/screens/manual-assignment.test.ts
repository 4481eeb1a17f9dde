// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/error";
import type { CylinderFilter } from "../../gen/CylinderFilter";
import type { ManualAssignment } from "../../gen/ManualAssignment";
import type { PageRequest } from "../../gen/PageRequest";
import { byTestId, queryTestId, settle } from "../../testing/fake-backend";
import { assignmentReceipt, connection, customer, cylinder, demoTypes, pageOf, saleDocument, screenContext, show, type } from "../test-support";
import { bookingsScreen } from "./bookings";
import { assignmentPanel } from "./manual-assignment";

function enter(input: HTMLElement): void {
  input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
}

const ASHA = customer(7, "asha", { has_active_cylinder: true, consumer_no: "7100000007" });
const DBC = connection(1, "14.2 kg domestic", { allowance: 2, held: 1 });
const FIVE = connection(2, "5 kg domestic", { price: "350.00", held: 0 });

/** The panel open on its own, over a backend with asha, her connections and some stock. */
function openPanel(overrides: Parameters<typeof screenContext>[0] = {}) {
  const listCylinders = vi.fn((filter: CylinderFilter, _q: string, _p: PageRequest) =>
    pageOf(
      filter.type_id === 2
        ? [cylinder(20, "FIV020", { type_id: 2, type_name: "5 kg domestic" })]
        : [
            cylinder(4, "FIL004"),
            cylinder(5, "FIL005", { reserved: true }),
            cylinder(6, "FIL006", { hold: "Leaking", hold_reason: "hiss" }),
            cylinder(7, "FIL007", { due_for_test: true }),
          ],
    ),
  );
  const onAssigned = vi.fn();
  const context = screenContext({
    listCylinders,
    cylinderTypes: () => Promise.resolve(demoTypes()),
    searchCustomers: () => pageOf([ASHA]),
    customerConnections: () => Promise.resolve([DBC, FIVE]),
    ...overrides,
  });
  const panel = assignmentPanel(context.ctx, onAssigned);
  show(context.host, panel.el);
  panel.open();
  return { ...context, listCylinders, onAssigned };
}

async function pickAsha(host: HTMLElement): Promise<void> {
  const search = byTestId<HTMLInputElement>(host, "assign-customer-search");
  type(search, "as");
  enter(search);
  await settle();
  byTestId(host, "assign-customer-option-asha").click();
  await settle();
}

describe("manual assignment", () => {
  it("every missing choice is shown beside its field", async () => {
    const assignManually = vi.fn();
    const { host } = openPanel({ assignManually });
    await settle();
    byTestId(host, "assign-submit").click();
    await settle();
    expect(byTestId(host, "assign-customer-search-error").textContent).toBe("Choose a customer from the list.");
    expect(byTestId(host, "assign-cylinder-error").textContent).toContain("Enter the cylinder ID");
    expect(byTestId(host, "assign-reason-error").textContent).toBe("Please enter the reason.");
    expect(byTestId(host, "assign-payment-error").textContent).toBe("Choose Cash or Free.");
    expect(assignManually).not.toHaveBeenCalled();
  });

  it("offers cylinders of the customer's connection types only, never one reserved, held back or due for test", async () => {
    const { host, listCylinders } = openPanel();
    await settle();
    await pickAsha(host);
    expect(byTestId(host, "assign-customer-chosen").textContent).toContain("7100000007");
    expect(byTestId(host, "assign-connection-1").textContent).toBe("14.2 kg domestic: double-bottle (2), holds 1");
    expect([...byTestId<HTMLSelectElement>(host, "assign-type").options].map((o) => o.textContent)).toEqual(["14.2 kg domestic", "5 kg domestic"]);
    expect(listCylinders).toHaveBeenLastCalledWith({ status: "Filled", type_id: 1 }, "", { offset: 0, limit: 12 });
    expect(queryTestId(host, "assign-cylinder-option-FIL004")).not.toBeNull();
    for (const code of ["FIL005", "FIL006", "FIL007"]) expect(queryTestId(host, `assign-cylinder-option-${code}`), code).toBeNull();
    expect(byTestId(host, "assign-cash").parentElement?.textContent).toBe("Cash collected (₹1,000.00)");

    const kind = byTestId<HTMLSelectElement>(host, "assign-type");
    kind.value = "2";
    kind.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(listCylinders).toHaveBeenLastCalledWith({ status: "Filled", type_id: 2 }, "", { offset: 0, limit: 12 });
    expect(queryTestId(host, "assign-cylinder-option-FIV020")).not.toBeNull();
    expect(byTestId(host, "assign-cash").parentElement?.textContent).toBe("Cash collected (₹350.00)");
  });

  it("Free with a reason → the receipt names the consumer number, the type and the delivery note", async () => {
    const assignManually = vi.fn((_input: ManualAssignment) =>
      Promise.resolve(
        assignmentReceipt({
          amount: "0.00",
          method: null,
          payment_reference: null,
          document: saleDocument({ kind: "DeliveryNote", number: "DN/2026-27/000003", total: "0.00" }),
        }),
      ),
    );
    const { host, onAssigned } = openPanel({ assignManually });
    await settle();
    await pickAsha(host);
    byTestId(host, "assign-cylinder-option-FIL004").click();
    expect(byTestId<HTMLInputElement>(host, "assign-cylinder").value).toBe("FIL004");
    byTestId(host, "assign-free").click();
    type(byTestId<HTMLInputElement>(host, "assign-reason"), "Replacement for a leaking cylinder");
    byTestId(host, "assign-submit").click();
    await settle();

    expect(assignManually).toHaveBeenCalledWith({
      customer_id: 7,
      cylinder_code: "FIL004",
      payment: "Free",
      reason: "Replacement for a leaking cylinder",
      override_refill_rules: false,
    });
    expect(byTestId(host, "assign-receipt").textContent).toContain("BK-000077");
    expect(byTestId(host, "assign-receipt-payment").textContent).toBe("Free (no payment)");
    expect(byTestId(host, "assign-receipt-consumer-number").textContent).toBe("7100000007");
    expect(byTestId(host, "assign-receipt-type").textContent).toBe("14.2 kg domestic");
    expect(byTestId(host, "assign-receipt-bill").textContent).toBe("Delivery note DN/2026-27/000003 · ₹0.00");
    expect(onAssigned).toHaveBeenCalled();
  });

  it("a cash sale's receipt shows its invoice number and total", async () => {
    const assignManually = vi.fn((_input: ManualAssignment) => Promise.resolve(assignmentReceipt()));
    const { host } = openPanel({ assignManually });
    await settle();
    await pickAsha(host);
    byTestId(host, "assign-cylinder-option-FIL004").click();
    byTestId(host, "assign-cash").click();
    type(byTestId<HTMLInputElement>(host, "assign-reason"), "Counter sale");
    byTestId(host, "assign-submit").click();
    await settle();
    expect(byTestId(host, "assign-receipt-bill").textContent).toBe("Invoice GD/2026-27/000012 · ₹1,000.00");
    expect(byTestId(host, "assign-receipt-amount").textContent).toBe("₹1,000.00");
  });

  it("a sale from before invoices shows its receipt without a bill line", async () => {
    const { host } = openPanel({ assignManually: () => Promise.resolve(assignmentReceipt({ document: null })) });
    await settle();
    await pickAsha(host);
    type(byTestId<HTMLInputElement>(host, "assign-cylinder"), "fil004");
    byTestId(host, "assign-cash").click();
    type(byTestId<HTMLInputElement>(host, "assign-reason"), "Counter sale");
    byTestId(host, "assign-submit").click();
    await settle();
    expect(queryTestId(host, "assign-receipt")).not.toBeNull();
    expect(queryTestId(host, "assign-receipt-bill")).toBeNull();
  });

  it("a refusal by the refill rules is said beside “Override the refill rules”; ticking it sends the override", async () => {
    const refusal =
      'Your last 14.2 kg domestic refill was on 12 Nov 2026. Refills must be at least 25 days apart, so the next one can be booked from 7 Dec 2026. Tick "Override the refill rules" to go ahead anyway.';
    const assignManually = vi
      .fn((_input: ManualAssignment) => Promise.resolve(assignmentReceipt()))
      .mockImplementationOnce(() => Promise.reject(new ApiError("RefillRule", refusal)));
    const { host } = openPanel({ assignManually });
    await settle();
    const hint = byTestId(host, "assign-override-box").textContent ?? "";
    expect(hint).toContain("Override the refill rules");
    expect(hint).toContain("recorded in the audit log with your reason");
    expect(byTestId<HTMLInputElement>(host, "assign-override").checked).toBe(false);
    await pickAsha(host);
    byTestId(host, "assign-cylinder-option-FIL004").click();
    byTestId(host, "assign-cash").click();
    type(byTestId<HTMLInputElement>(host, "assign-reason"), "Family function, second cylinder needed");
    byTestId(host, "assign-submit").click();
    await settle();
    expect(byTestId(host, "assign-refill-rule").textContent).toBe(refusal);
    expect(byTestId(host, "assign-refill-rule").hidden).toBe(false);
    expect(byTestId(host, "assign-error").hidden).toBe(true);
    expect(byTestId(host, "assign-override-box").classList.contains("admin-override--asked")).toBe(true);
    expect(document.activeElement).toBe(byTestId(host, "assign-override"));

    byTestId(host, "assign-override").click();
    byTestId(host, "assign-submit").click();
    await settle();
    expect(assignManually).toHaveBeenLastCalledWith(expect.objectContaining({ payment: "Cash", override_refill_rules: true, reason: "Family function, second cylinder needed" }));
    expect(queryTestId(host, "assign-receipt")).not.toBeNull();
  });

  it("the backend's other refusals are shown on the form", async () => {
    const { host } = openPanel({
      assignManually: () => Promise.reject(new ApiError("Conflict", "Cylinder ZZZ999 is held back (Leaking: hiss); it cannot be handed out until it is released.")),
    });
    await settle();
    await pickAsha(host);
    type(byTestId<HTMLInputElement>(host, "assign-cylinder"), "zzz999");
    byTestId(host, "assign-cash").click();
    type(byTestId<HTMLInputElement>(host, "assign-reason"), "Counter sale");
    byTestId(host, "assign-submit").click();
    await settle();
    expect(byTestId(host, "assign-error").textContent).toBe("Cylinder ZZZ999 is held back (Leaking: hiss); it cannot be handed out until it is released.");
    expect(byTestId(host, "assign-refill-rule").hidden).toBe(true);
  });

  it("opens from the Bookings screen, which reloads and updates the badges after an assignment", async () => {
    const { ctx, host, changed } = screenContext({
      listBookings: () => pageOf([]),
      listCylinders: () => pageOf([cylinder(4, "FIL004")]),
      cylinderTypes: () => Promise.resolve(demoTypes()),
      searchCustomers: () => pageOf([ASHA]),
      customerConnections: () => Promise.resolve([DBC]),
      assignManually: () => Promise.resolve(assignmentReceipt()),
    });
    show(host, bookingsScreen(ctx).el);
    await settle();
    byTestId(host, "bookings-assign-open").click();
    await settle();
    await pickAsha(host);
    byTestId(host, "assign-cylinder-option-FIL004").click();
    byTestId(host, "assign-free").click();
    type(byTestId<HTMLInputElement>(host, "assign-reason"), "Replacement");
    byTestId(host, "assign-submit").click();
    await settle();
    expect(queryTestId(host, "assign-receipt")).not.toBeNull();
    expect(changed).toHaveBeenCalled();
  });
});
