// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/error";
import type { CylinderFilter } from "../../gen/CylinderFilter";
import type { CylinderStatus } from "../../gen/CylinderStatus";
import type { HoldReason } from "../../gen/HoldReason";
import type { PageRequest } from "../../gen/PageRequest";
import type { RegisterCylinders } from "../../gen/RegisterCylinders";
import { appInfo, byTestId, queryTestId, settle } from "../../testing/fake-backend";
import { choose, cylinder, dashboard, demoTypes, pageOf, screenContext, show, type } from "../test-support";
import { inventoryScreen } from "./inventory";

const stock = [cylinder(1, "AAA001"), cylinder(2, "AAA002", { status: "Empty", filled_at: null }), cylinder(3, "AAA003", { status: "Empty" })];

function click(host: HTMLElement, testid: string): void {
  byTestId(host, testid).click();
}

function tick(host: HTMLElement, testid: string): void {
  const box = byTestId<HTMLInputElement>(host, testid);
  box.checked = !box.checked;
  box.dispatchEvent(new Event("change", { bubbles: true }));
}

describe("inventory", () => {
  it("lists the cylinders whose test date was never recorded, sent there or ticked", async () => {
    const listCylinders = vi.fn((_f: CylinderFilter, _q: string, _p: PageRequest) => pageOf([cylinder(1, "OLD001", { test_due: null, test_due_stamp: null })]));
    const { ctx, host } = screenContext({ listCylinders });
    show(host, inventoryScreen(ctx, { undated: true }).el);
    await settle();
    expect(listCylinders).toHaveBeenLastCalledWith({ undated: true }, "", { offset: 0, limit: 50 });
    expect(byTestId(host, "test-due-OLD001").textContent).toBe("not recorded");
    tick(host, "inventory-undated");
    await settle();
    expect(listCylinders).toHaveBeenLastCalledWith({}, "", { offset: 0, limit: 50 });
  });

  it("pages through the backend with Previous / Next", async () => {
    const listCylinders = vi.fn((_f: CylinderFilter, _q: string, page: PageRequest) => pageOf(stock, page.offset, page.offset === 0));
    const { ctx, host } = screenContext({ listCylinders });
    show(host, inventoryScreen(ctx).el);
    await settle();
    expect(listCylinders).toHaveBeenLastCalledWith({}, "", { offset: 0, limit: 50 });
    expect(byTestId<HTMLButtonElement>(host, "inventory-prev").disabled).toBe(true);
    expect(byTestId(host, "inventory-range").textContent).toBe("Rows 1–3");
    click(host, "inventory-next");
    await settle();
    // Keyset paging: the next page starts after the last cylinder shown (row id 3).
    const lastShown = stock[stock.length - 1];
    expect(listCylinders).toHaveBeenLastCalledWith({}, "", { offset: 50, limit: 50, after: lastShown?.id });
    expect(lastShown?.id).toBe(3);
    expect(byTestId<HTMLButtonElement>(host, "inventory-next").disabled).toBe(true);
    expect(byTestId<HTMLButtonElement>(host, "inventory-prev").disabled).toBe(false);
  });

  it("opens filtered by the status it was sent to", async () => {
    const listCylinders = vi.fn((_f: CylinderFilter, _q: string, _p: PageRequest) => pageOf(stock));
    const { ctx, host } = screenContext({ listCylinders });
    show(host, inventoryScreen(ctx, { cylinderStatus: "Empty" }).el);
    await settle();
    expect(listCylinders).toHaveBeenLastCalledWith({ status: "Empty" }, "", { offset: 0, limit: 50 });
    expect(byTestId<HTMLSelectElement>(host, "inventory-status").value).toBe("Empty");
  });

  it("marks the selected cylinders and lists why some were left as they were", async () => {
    const markCylinders = vi.fn((_ids: number[], _status: CylinderStatus) =>
      Promise.resolve({ changed: 1, skipped: ["AAA001: already Filled"] }),
    );
    const { ctx, host } = screenContext({ listCylinders: () => pageOf(stock), markCylinders });
    show(host, inventoryScreen(ctx).el);
    await settle();
    expect(byTestId<HTMLButtonElement>(host, "mark-filled").disabled).toBe(true);
    tick(host, "inventory-select-AAA001");
    tick(host, "inventory-select-AAA002");
    expect(byTestId(host, "inventory-selected").textContent).toBe("2 cylinders selected");
    click(host, "mark-filled");
    await settle();
    expect(markCylinders).toHaveBeenCalledWith([1, 2], "Filled");
    expect(byTestId(host, "inventory-notice").textContent).toContain("Marked 1 cylinder Filled.");
    expect(byTestId(host, "inventory-skipped").textContent).toBe("AAA001: already Filled");
    expect(byTestId(host, "inventory-selected").textContent).toBe("None selected");
  });

  it("asks before marking a cylinder that a customer holds", async () => {
    const markCylinders = vi.fn(() => Promise.resolve({ changed: 1, skipped: [] }));
    const held = cylinder(9, "HLD009", { status: "Assigned", assigned_to: 7, assigned_to_username: "asha" });
    const { ctx, host } = screenContext({ listCylinders: () => pageOf([held]), markCylinders });
    show(host, inventoryScreen(ctx).el);
    await settle();
    tick(host, "inventory-select-HLD009");
    click(host, "mark-empty");
    await settle();
    expect(markCylinders).not.toHaveBeenCalled();
    expect(byTestId(host, "inventory-mark-dialog").textContent).toContain("returned");
    click(host, "inventory-mark-dialog-confirm");
    await settle();
    expect(markCylinders).toHaveBeenCalledWith([9], "Empty");
    expect(queryTestId(host, "inventory-mark-dialog")).toBeNull();
  });

  it("refills all empties after a confirmation that says how many", async () => {
    const refillAllEmpty = vi.fn(() => Promise.resolve(4));
    const { ctx, host, changed } = screenContext({ listCylinders: () => pageOf(stock), dashboard: () => Promise.resolve(dashboard()), refillAllEmpty });
    show(host, inventoryScreen(ctx).el);
    await settle();
    click(host, "inventory-refill-all");
    await settle();
    expect(byTestId(host, "inventory-refill-dialog").textContent).toContain("4 Empty cylinders will be marked Filled");
    expect(refillAllEmpty).not.toHaveBeenCalled();
    click(host, "inventory-refill-dialog-confirm");
    await settle();
    expect(refillAllEmpty).toHaveBeenCalledTimes(1);
    expect(byTestId(host, "inventory-notice").textContent).toContain("Refilled 4 cylinders");
    expect(changed).toHaveBeenCalled();
  });

  it("says that held-back empties stay Empty when all are refilled", async () => {
    const listCylinders = vi.fn((filter: CylinderFilter, _q: string, _p: PageRequest) =>
      filter.attention === true
        ? pageOf([cylinder(8, "HLD008", { status: "Empty", hold: "Leaking", hold_reason: "hiss" }), cylinder(9, "DUE009", { status: "Empty", due_for_test: true })])
        : pageOf(stock),
    );
    const { ctx, host } = screenContext({ listCylinders, dashboard: () => Promise.resolve(dashboard()), refillAllEmpty: () => Promise.resolve(3) });
    show(host, inventoryScreen(ctx).el);
    await settle();
    click(host, "inventory-refill-all");
    await settle();
    expect(listCylinders).toHaveBeenCalledWith({ status: "Empty", attention: true }, "", { offset: 0, limit: 200 });
    expect(byTestId(host, "inventory-refill-dialog").textContent).toContain("3 Empty cylinders will be marked Filled and join the back of the FIFO queue. 1 held-back cylinder stays Empty until released.");
  });

  it("registers serial numbers typed one a line with their type and test-due stamp, and checks them first", async () => {
    const registerCylinders = vi.fn((input: RegisterCylinders) =>
      Promise.resolve(input.serials.map((s, i) => cylinder(100 + i, s, { status: input.status, type_id: 3, type_name: "19 kg commercial" }))),
    );
    const types = demoTypes();
    types.push({ ...types[0]!, id: 4, name: "Old 12 kg", active: false });
    const { ctx, host } = screenContext({ listCylinders: () => pageOf(stock), cylinderTypes: () => Promise.resolve(types), registerCylinders });
    show(host, inventoryScreen(ctx).el);
    await settle();
    click(host, "inventory-register");
    await settle();
    // Only active types can be registered.
    const offered = [...byTestId<HTMLSelectElement>(host, "register-type").options].map((o) => o.textContent);
    expect(offered).toEqual(["Choose the type…", "14.2 kg domestic", "5 kg domestic", "19 kg commercial"]);
    click(host, "register-mode-serials");
    byTestId(host, "register-mode-serials").dispatchEvent(new Event("change", { bubbles: true }));
    type(byTestId<HTMLTextAreaElement>(host, "register-serials"), "ks-001\nks 002");
    type(byTestId<HTMLInputElement>(host, "register-test-due"), "E-27");
    click(host, "inventory-register-dialog-confirm");
    await settle();
    // Every problem beside its field at once.
    expect(byTestId(host, "register-type-error").textContent).toBe("Choose the cylinders' type.");
    expect(byTestId(host, "register-test-due-error").textContent).toBe("A test-due stamp is a quarter letter A to D and a two-digit year, such as C-27.");
    expect(byTestId(host, "register-serials-error").textContent).toContain("Line 2");
    expect(registerCylinders).not.toHaveBeenCalled();

    choose(byTestId<HTMLSelectElement>(host, "register-type"), "3");
    type(byTestId<HTMLInputElement>(host, "register-test-due"), "c 27");
    type(byTestId<HTMLTextAreaElement>(host, "register-serials"), "ks-001\nks-002");
    click(host, "register-status-empty");
    click(host, "inventory-register-dialog-confirm");
    await settle();
    expect(registerCylinders).toHaveBeenCalledWith({ serials: ["KS-001", "KS-002"], count: 2, status: "Empty", type_id: 3, test_due: "C-27" });
    expect(byTestId(host, "inventory-registered").textContent).toBe("KS-001KS-002");
    expect(byTestId(host, "inventory-notice").textContent).toContain("Registered 2 Empty 19 kg commercial cylinders");
  });

  it("generates IDs of the chosen type, and shows a refused stamp beside its box", async () => {
    const registerCylinders = vi
      .fn((input: RegisterCylinders) => Promise.resolve([cylinder(100, "ABC100", { status: input.status })]))
      .mockImplementationOnce(() =>
        Promise.reject(new ApiError("Invalid", "That test date has passed: these cylinders must go for testing before they are registered as stock.", "test_due")),
      );
    const { ctx, host } = screenContext({ listCylinders: () => pageOf(stock), cylinderTypes: () => Promise.resolve(demoTypes()), registerCylinders });
    show(host, inventoryScreen(ctx).el);
    await settle();
    click(host, "inventory-register");
    await settle();
    choose(byTestId<HTMLSelectElement>(host, "register-type"), "2");
    type(byTestId<HTMLInputElement>(host, "register-test-due"), "A-20");
    type(byTestId<HTMLInputElement>(host, "register-count"), "1");
    click(host, "inventory-register-dialog-confirm");
    await settle();
    expect(byTestId(host, "register-test-due-error").textContent).toContain("That test date has passed");
    type(byTestId<HTMLInputElement>(host, "register-test-due"), "B-29");
    click(host, "inventory-register-dialog-confirm");
    await settle();
    expect(registerCylinders).toHaveBeenLastCalledWith({ serials: [], count: 1, status: "Filled", type_id: 2, test_due: "B-29" });
    expect(queryTestId(host, "inventory-register-dialog")).toBeNull();
  });

  it("shows a cylinder's history with before → after", async () => {
    const cylinderHistory = vi.fn(() =>
      pageOf([
        {
          id: 1,
          at: "2025-03-01T05:00:00.000000Z",
          actor_kind: "staff",
          actor_name: "admin",
          action: "cylinder.assigned",
          entity: "cylinder",
          entity_id: 1,
          before: '{"status":"Filled","assigned_to":null}',
          after: '{"status":"Assigned","assigned_to":7}',
        },
      ]),
    );
    const { ctx, host } = screenContext({ listCylinders: () => pageOf(stock), cylinderHistory });
    show(host, inventoryScreen(ctx).el);
    await settle();
    click(host, "inventory-history-AAA001");
    await settle();
    expect(cylinderHistory).toHaveBeenCalledWith(1, { offset: 0, limit: 20 });
    const dialog = byTestId(host, "cylinder-history");
    expect(dialog.textContent).toContain("status: Filled → Assigned");
    expect(dialog.textContent).toContain("assigned_to: none → 7");
  });

  it("shows each cylinder's type, test-due stamp with a due badge, and why it is held back", async () => {
    const rows = [
      cylinder(1, "AAA001"),
      cylinder(2, "AAA002", { type_id: 3, type_name: "19 kg commercial", test_due_stamp: "B-26", test_due: "2026-06-30", due_for_test: true }),
      cylinder(3, "AAA003", { status: "Empty", hold: "Leaking", hold_reason: "Valve leaks when the cap is off" }),
      cylinder(4, "AAA004", { test_due: null, test_due_stamp: null }),
    ];
    const { ctx, host } = screenContext({ listCylinders: () => pageOf(rows), cylinderTypes: () => Promise.resolve(demoTypes()) });
    show(host, inventoryScreen(ctx).el);
    await settle();
    expect(byTestId(host, "inventory-type-AAA002").textContent).toBe("19 kg commercial");
    expect(byTestId(host, "test-due-AAA001").textContent).toBe("C-28");
    expect(queryTestId(host, "due-AAA001")).toBeNull();
    expect(byTestId(host, "test-due-AAA002").textContent).toBe("B-26");
    expect(byTestId(host, "due-AAA002").textContent).toBe("due");
    expect(byTestId(host, "held-AAA003").textContent).toBe("held back: Leaking — Valve leaks when the cap is off");
    expect(byTestId(host, "test-due-AAA004").textContent).toBe("not recorded");
    expect(byTestId(host, "inventory-row-AAA002").classList.contains("admin-row--attention")).toBe(true);
    expect(byTestId(host, "inventory-row-AAA001").classList.contains("admin-row--attention")).toBe(false);
    // A held-back cylinder is released, not held again; one with a customer is not held here.
    expect(queryTestId(host, "inventory-release-AAA003")).not.toBeNull();
    expect(queryTestId(host, "inventory-hold-AAA003")).toBeNull();
    expect(queryTestId(host, "inventory-hold-AAA001")).not.toBeNull();
  });

  it("filters by status, type and “due for test / held back”, and opens on a type it was sent to", async () => {
    const listCylinders = vi.fn((_f: CylinderFilter, _q: string, _p: PageRequest) => pageOf(stock));
    const { ctx, host } = screenContext({ listCylinders, cylinderTypes: () => Promise.resolve(demoTypes()) });
    show(host, inventoryScreen(ctx).el);
    await settle();
    expect([...byTestId<HTMLSelectElement>(host, "inventory-type").options].map((o) => o.textContent)).toEqual(["All types", "14.2 kg domestic", "5 kg domestic", "19 kg commercial"]);
    choose(byTestId<HTMLSelectElement>(host, "inventory-type"), "2");
    await settle();
    expect(listCylinders).toHaveBeenLastCalledWith({ type_id: 2 }, "", { offset: 0, limit: 50 });
    expect(byTestId<HTMLButtonElement>(host, "inventory-print-plant").disabled).toBe(true);
    tick(host, "inventory-attention");
    await settle();
    expect(listCylinders).toHaveBeenLastCalledWith({ type_id: 2, attention: true }, "", { offset: 0, limit: 50 });
    expect(byTestId<HTMLButtonElement>(host, "inventory-print-plant").disabled).toBe(false);
    choose(byTestId<HTMLSelectElement>(host, "inventory-status"), "Filled");
    await settle();
    expect(listCylinders).toHaveBeenLastCalledWith({ status: "Filled", type_id: 2, attention: true }, "", { offset: 0, limit: 50 });

    const sent = screenContext({ listCylinders, cylinderTypes: () => Promise.resolve(demoTypes()) });
    show(sent.host, inventoryScreen(sent.ctx, { typeId: 3, attention: true }).el);
    await settle();
    expect(listCylinders).toHaveBeenLastCalledWith({ type_id: 3, attention: true }, "", { offset: 0, limit: 50 });
    expect(byTestId<HTMLSelectElement>(sent.host, "inventory-type").value).toBe("3");
    expect(byTestId<HTMLInputElement>(sent.host, "inventory-attention").checked).toBe(true);
  });

  it("holds a cylinder back only with Leaking or Defective and a reason, and releases it", async () => {
    const holdCylinder = vi.fn((id: number, hold: HoldReason | null, reason: string) =>
      Promise.resolve(cylinder(id, "AAA001", { hold, hold_reason: reason })),
    );
    const { ctx, host, changed } = screenContext({
      listCylinders: () => pageOf([cylinder(1, "AAA001"), cylinder(5, "AAA005", { status: "Empty", hold: "Defective", hold_reason: "Dented foot ring" })]),
      cylinderTypes: () => Promise.resolve(demoTypes()),
      holdCylinder,
    });
    show(host, inventoryScreen(ctx).el);
    await settle();
    click(host, "inventory-hold-AAA001");
    click(host, "hold-dialog-confirm");
    await settle();
    expect(byTestId(host, "hold-error").textContent).toBe("Choose Leaking or Defective.");
    expect(byTestId(host, "hold-reason-error").textContent).toBe("Please enter the reason.");
    expect(holdCylinder).not.toHaveBeenCalled();
    click(host, "hold-leaking");
    type(byTestId<HTMLTextAreaElement>(host, "hold-reason"), "  Smell of gas at the valve  ");
    click(host, "hold-dialog-confirm");
    await settle();
    expect(holdCylinder).toHaveBeenCalledWith(1, "Leaking", "Smell of gas at the valve");
    expect(byTestId(host, "inventory-notice").textContent).toBe("Cylinder AAA001 is held back (Leaking); it will not be handed out.");
    expect(changed).toHaveBeenCalled();

    click(host, "inventory-release-AAA005");
    expect(byTestId(host, "release-dialog").textContent).toContain("Defective — Dented foot ring");
    click(host, "release-dialog-confirm");
    await settle();
    expect(holdCylinder).toHaveBeenLastCalledWith(5, null, "");
    expect(queryTestId(host, "release-dialog")).toBeNull();
  });

  it("says beside the form why a hold was refused (a cylinder with a customer)", async () => {
    const holdCylinder = vi.fn(() => Promise.reject(new ApiError("Conflict", "Cylinder AAA001 is with a customer or being paid for; hold it back once it is returned.")));
    const { ctx, host } = screenContext({ listCylinders: () => pageOf([cylinder(1, "AAA001")]), cylinderTypes: () => Promise.resolve(demoTypes()), holdCylinder });
    show(host, inventoryScreen(ctx).el);
    await settle();
    click(host, "inventory-hold-AAA001");
    click(host, "hold-defective");
    type(byTestId<HTMLTextAreaElement>(host, "hold-reason"), "Valve stuck");
    click(host, "hold-dialog-confirm");
    await settle();
    expect(byTestId(host, "hold-dialog-error").textContent).toContain("hold it back once it is returned");
  });

  it("records a new test-due stamp, checked with the backend's rule first", async () => {
    const setTestDue = vi.fn((id: number, stamp: string) => Promise.resolve(cylinder(id, "AAA001", { test_due_stamp: stamp, test_due: "2031-12-31" })));
    const { ctx, host } = screenContext({ listCylinders: () => pageOf([cylinder(1, "AAA001")]), cylinderTypes: () => Promise.resolve(demoTypes()), setTestDue });
    show(host, inventoryScreen(ctx).el);
    await settle();
    click(host, "inventory-test-due-AAA001");
    expect(byTestId<HTMLInputElement>(host, "test-due-stamp").value).toBe("C-28");
    type(byTestId<HTMLInputElement>(host, "test-due-stamp"), "D-2031");
    click(host, "test-due-dialog-confirm");
    await settle();
    expect(byTestId(host, "test-due-stamp-error").textContent).toContain("quarter letter A to D");
    expect(setTestDue).not.toHaveBeenCalled();
    type(byTestId<HTMLInputElement>(host, "test-due-stamp"), "d31");
    click(host, "test-due-dialog-confirm");
    await settle();
    expect(setTestDue).toHaveBeenCalledWith(1, "D-31");
    expect(byTestId(host, "inventory-notice").textContent).toBe("Cylinder AAA001: test due D-31.");
  });

  it("prints the send-to-plant list: every page of the attention filter, and only that list", async () => {
    const due = Array.from({ length: 250 }, (_, i) =>
      cylinder(i + 1, `DUE${String(i).padStart(3, "0")}`, { due_for_test: i % 2 === 0, hold: i % 2 === 0 ? null : "Leaking", hold_reason: i % 2 === 0 ? "" : "hiss" }),
    );
    const listCylinders = vi.fn((_f: CylinderFilter, _q: string, page: PageRequest) => {
      const start = page.after === undefined ? 0 : due.findIndex((c) => c.id === page.after) + 1;
      return pageOf(due.slice(start, start + page.limit), page.offset, start + page.limit < due.length);
    });
    const print = vi.fn();
    vi.stubGlobal("print", print);
    const { ctx, host } = screenContext({ listCylinders, cylinderTypes: () => Promise.resolve(demoTypes()), appInfo: () => Promise.resolve(appInfo()) });
    show(host, inventoryScreen(ctx, { attention: true }).el);
    await settle();
    click(host, "inventory-print-plant");
    for (let i = 0; i < 4; i += 1) await settle();
    expect(print).toHaveBeenCalledTimes(1);
    // Two pages of 200 with the filter the screen shows.
    expect(listCylinders).toHaveBeenCalledWith({ attention: true }, "", { offset: 0, limit: 200 });
    expect(listCylinders).toHaveBeenCalledWith({ attention: true }, "", { offset: 200, limit: 200, after: 200 });
    const list = byTestId(host, "plant-list");
    expect(host.classList.contains("admin--print-plant")).toBe(true);
    expect(list.querySelectorAll("tbody tr").length).toBe(250);
    expect(byTestId(list, "plant-row-DUE000").textContent).toBe("DUE00014.2 kg domesticFilledC-28 (due)due for test");
    expect(byTestId(list, "plant-row-DUE001").textContent).toBe("DUE00114.2 kg domesticFilledC-28Leaking — hiss");
    expect(byTestId(host, "inventory-notice").textContent).toBe("Sent 250 cylinders to the printer.");
    window.dispatchEvent(new Event("afterprint"));
    expect(host.classList.contains("admin--print-plant")).toBe(false);
    expect(queryTestId(host, "plant-list")).toBeNull();
    vi.unstubAllGlobals();
  });
});
