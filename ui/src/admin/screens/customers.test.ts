// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/error";
import type { NewCustomerInput } from "../../gen/NewCustomerInput";
import type { PageRequest } from "../../gen/PageRequest";
import { byTestId, queryTestId, settle } from "../../testing/fake-backend";
import { customer, pageOf, screenContext, show, type } from "../test-support";
import { customersScreen } from "./customers";

const HOSTILE = "<script>alert(1)</script>";

describe("customers", () => {
  it("searches by prefix through the backend and shows names as text", async () => {
    const searchCustomers = vi.fn((_q: string, _p: PageRequest) => pageOf([customer(3, "ravi", { full_name: HOSTILE })]));
    const { ctx, host } = screenContext({ searchCustomers });
    show(host, customersScreen(ctx).el);
    await settle();
    expect(searchCustomers).toHaveBeenLastCalledWith("", { offset: 0, limit: 50 });
    expect(byTestId(host, "customer-row-ravi").textContent).toContain(HOSTILE);
    expect(host.querySelector("script")).toBeNull();
    const search = byTestId<HTMLInputElement>(host, "customers-search");
    type(search, "98400");
    search.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await settle();
    expect(searchCustomers).toHaveBeenLastCalledWith("98400", { offset: 0, limit: 50 });
  });

  it("creates a customer: checks first, then shows the backend's answer beside the field", async () => {
    const createCustomer = vi
      .fn((input: NewCustomerInput) => Promise.resolve(customer(9, input.username, { full_name: input.full_name })))
      .mockImplementationOnce(() => Promise.reject(new ApiError("Invalid", "That username is taken. Try another.", "username")));
    const { ctx, host } = screenContext({ searchCustomers: () => pageOf([]), createCustomer });
    show(host, customersScreen(ctx).el);
    await settle();
    byTestId(host, "customers-new").click();
    byTestId(host, "customer-create-dialog-confirm").click();
    await settle();
    // Empty boxes get the same words as on the first-run form (lib/validate.ts).
    expect(byTestId(host, "customer-username-error").textContent).toBe("Please enter a username.");
    expect(byTestId(host, "customer-full-name-error").textContent).toBe("Please enter the name.");
    expect(byTestId(host, "customer-password-error").textContent).toBe("Please choose a password.");
    expect(createCustomer).not.toHaveBeenCalled();

    type(byTestId<HTMLInputElement>(host, "customer-username"), "meena");
    type(byTestId<HTMLInputElement>(host, "customer-full-name"), "Meena Iyer");
    type(byTestId<HTMLInputElement>(host, "customer-password"), "secret123");
    type(byTestId<HTMLInputElement>(host, "customer-password-again"), "secret123");
    byTestId(host, "customer-create-dialog-confirm").click();
    await settle();
    expect(byTestId(host, "customer-username-error").textContent).toBe("That username is taken. Try another.");

    type(byTestId<HTMLInputElement>(host, "customer-username"), "meena2");
    byTestId(host, "customer-create-dialog-confirm").click();
    await settle();
    expect(createCustomer).toHaveBeenLastCalledWith({
      username: "meena2",
      full_name: "Meena Iyer",
      email: "",
      phone: "",
      address: "",
      password: "secret123",
    });
    expect(queryTestId(host, "customer-create-dialog")).toBeNull();
    expect(byTestId(host, "customers-notice").textContent).toContain("Created customer meena2");
  });

  it("resets a password only when both entries match", async () => {
    const resetCustomerPassword = vi.fn(() => Promise.resolve(null));
    const { ctx, host } = screenContext({ searchCustomers: () => pageOf([customer(3, "ravi")]), resetCustomerPassword });
    show(host, customersScreen(ctx).el);
    await settle();
    byTestId(host, "customer-reset-ravi").click();
    type(byTestId<HTMLInputElement>(host, "customer-reset-password"), "newpass123");
    type(byTestId<HTMLInputElement>(host, "customer-reset-password-again"), "newpass124");
    byTestId(host, "customer-reset-dialog-confirm").click();
    await settle();
    expect(byTestId(host, "customer-reset-password-again-error").textContent).toBe("The two passwords are not the same.");
    type(byTestId<HTMLInputElement>(host, "customer-reset-password-again"), "newpass123");
    byTestId(host, "customer-reset-dialog-confirm").click();
    await settle();
    expect(resetCustomerPassword).toHaveBeenCalledWith(3, "newpass123");
  });
});
