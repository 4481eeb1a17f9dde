// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import type { AuditFilter } from "../../gen/AuditFilter";
import type { PageRequest } from "../../gen/PageRequest";
import { byTestId, settle } from "../../testing/fake-backend";
import { choose, pageOf, screenContext, show, type } from "../test-support";
import { auditScreen } from "./audit";

const entry = {
  id: 5,
  at: "2025-03-01T05:00:00.000000Z",
  actor_kind: "staff",
  actor_name: "admin",
  action: "complaint.set_status",
  entity: "complaint",
  entity_id: 31,
  before: JSON.stringify({ status: "Pending", description: "<img src=x onerror=alert(1)>" }),
  after: JSON.stringify({ status: "Completed", description: "<img src=x onerror=alert(1)>" }),
};

describe("audit log", () => {
  it("filters by action and record, and shows before → after as text", async () => {
    const auditLog = vi.fn((_f: AuditFilter, _p: PageRequest) => pageOf([entry]));
    const { ctx, host } = screenContext({ auditLog });
    show(host, auditScreen(ctx).el);
    await settle();
    expect(auditLog).toHaveBeenLastCalledWith({}, { offset: 0, limit: 50 });
    expect(byTestId(host, "audit-row-5").textContent).toContain("status: Pending → Completed");
    expect(host.querySelector("img")).toBeNull();

    type(byTestId<HTMLInputElement>(host, "audit-entity-id"), "31");
    byTestId(host, "audit-apply").click();
    await settle();
    expect(byTestId(host, "audit-entity-id-error").textContent).toBe("Choose a record type for the number.");

    choose(byTestId<HTMLSelectElement>(host, "audit-entity"), "complaint");
    await settle();
    expect(auditLog).toHaveBeenLastCalledWith({ entity: "complaint", entity_id: 31 }, { offset: 0, limit: 50 });
  });

  it("opens on one record's entries when sent there", async () => {
    const auditLog = vi.fn((_f: AuditFilter, _p: PageRequest) => pageOf([entry]));
    const { ctx, host } = screenContext({ auditLog });
    show(host, auditScreen(ctx, { entity: { entity: "customer", id: 7 } }).el);
    await settle();
    expect(auditLog).toHaveBeenLastCalledWith({ entity: "customer", entity_id: 7 }, { offset: 0, limit: 50 });
  });
});
