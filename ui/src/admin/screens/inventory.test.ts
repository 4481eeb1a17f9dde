// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import type { CylinderStatus } from "../../gen/CylinderStatus";
import type { PageRequest } from "../../gen/PageRequest";
import type { RegisterCylinders } from "../../gen/RegisterCylinders";
import { byTestId, queryTestId, settle } from "../../testing/fake-backend";
import { cylinder, dashboard, pageOf, screenContext, show, type } from "../test-support";
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
  it("pages through the backend with Previous / Next", async () => {
    const listCylinders = vi.fn((_s: CylinderStatus | null, _q: string, page: PageRequest) => pageOf(stock, page.offset, page.offset === 0));
    const { ctx, host } = screenContext({ listCylinders });
    show(host, inventoryScreen(ctx).el);
    await settle();
    expect(listCylinders).toHaveBeenLastCalledWith(null, "", { offset: 0, limit: 50 });
    expect(byTestId<HTMLButtonElement>(host, "inventory-prev").disabled).toBe(true);
    expect(byTestId(host, "inventory-range").textContent).toBe("Rows 1–3");
    click(host, "inventory-next");
    await settle();
    // Keyset paging: the next page starts after the last cylinder shown (row id 3).
    const lastShown = stock[stock.length - 1];
    expect(listCylinders).toHaveBeenLastCalledWith(null, "", { offset: 50, limit: 50, after: lastShown?.id });
    expect(lastShown?.id).toBe(3);
    expect(byTestId<HTMLButtonElement>(host, "inventory-next").disabled).toBe(true);
    expect(byTestId<HTMLButtonElement>(host, "inventory-prev").disabled).toBe(false);
  });

  it("opens filtered by the status it was sent to", async () => {
    const listCylinders = vi.fn((_s: CylinderStatus | null, _q: string, _p: PageRequest) => pageOf(stock));
    const { ctx, host } = screenContext({ listCylinders });
    show(host, inventoryScreen(ctx, { cylinderStatus: "Empty" }).el);
    await settle();
    expect(listCylinders).toHaveBeenLastCalledWith("Empty", "", { offset: 0, limit: 50 });
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

  it("registers serial numbers typed one a line, and checks them first", async () => {
    const registerCylinders = vi.fn((input: RegisterCylinders) =>
      Promise.resolve(input.serials.map((s, i) => cylinder(100 + i, s, { status: input.status }))),
    );
    const { ctx, host } = screenContext({ listCylinders: () => pageOf(stock), registerCylinders });
    show(host, inventoryScreen(ctx).el);
    await settle();
    click(host, "inventory-register");
    click(host, "register-mode-serials");
    byTestId(host, "register-mode-serials").dispatchEvent(new Event("change", { bubbles: true }));
    type(byTestId<HTMLTextAreaElement>(host, "register-serials"), "ks-001\nks 002");
    click(host, "inventory-register-dialog-confirm");
    await settle();
    expect(byTestId(host, "register-serials-error").textContent).toContain("Line 2");
    expect(registerCylinders).not.toHaveBeenCalled();

    type(byTestId<HTMLTextAreaElement>(host, "register-serials"), "ks-001\nks-002");
    click(host, "register-status-empty");
    click(host, "inventory-register-dialog-confirm");
    await settle();
    expect(registerCylinders).toHaveBeenCalledWith({ serials: ["KS-001", "KS-002"], count: 2, status: "Empty" });
    expect(byTestId(host, "inventory-registered").textContent).toBe("KS-001KS-002");
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
});
