// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/error";
import type { Connection } from "../../gen/Connection";
import type { CustomerFields } from "../../gen/CustomerFields";
import type { NewCustomerInput } from "../../gen/NewCustomerInput";
import type { PageRequest } from "../../gen/PageRequest";
import { byTestId, queryTestId, settle } from "../../testing/fake-backend";
import { choose, connection, customer, demoTypes, pageOf, screenContext, show, type } from "../test-support";
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

  it("shows a customer whose name and address are in Devanagari as they are, in the English staff screen", async () => {
    const name = "सुनीता देवी शर्मा";
    const address = "मकान नं. 12, गांधी नगर, वाराणसी, उत्तर प्रदेश";
    const searchCustomers = vi.fn((_q: string, _p: PageRequest) => pageOf([customer(4, "sunita", { full_name: name, address })]));
    const { ctx, host } = screenContext({ searchCustomers });
    show(host, customersScreen(ctx).el);
    await settle();
    const row = byTestId(host, "customer-row-sunita");
    expect(row.textContent).toContain(name);
    expect(row.textContent).toContain(address);
    // The staff screen stays English around the data.
    expect(host.textContent).toContain("Customers");
    // A search in Devanagari goes to the backend unchanged.
    const search = byTestId<HTMLInputElement>(host, "customers-search");
    type(search, "सुनीता");
    search.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await settle();
    expect(searchCustomers).toHaveBeenLastCalledWith("सुनीता", { offset: 0, limit: 50 });
  });

  it("creates a customer: checks first, then shows the backend's answer beside the field", async () => {
    const createCustomer = vi
      .fn((input: NewCustomerInput) => Promise.resolve(customer(9, input.username, { full_name: input.full_name })))
      .mockImplementationOnce(() => Promise.reject(new ApiError("Invalid", "That username is taken. Try another.", "username")));
    const { ctx, host } = screenContext({ searchCustomers: () => pageOf([]), createCustomer, cylinderTypes: () => Promise.resolve(demoTypes()) });
    show(host, customersScreen(ctx).el);
    await settle();
    byTestId(host, "customers-new").click();
    await settle();
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
      consumer_no: "",
      type_id: 1,
      allowance: 1,
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

  it("lists each customer's consumer number, and says the search matches it", async () => {
    const searchCustomers = vi.fn((_q: string, _p: PageRequest) => pageOf([customer(3, "ravi", { consumer_no: "7100452391" })]));
    const { ctx, host } = screenContext({ searchCustomers });
    show(host, customersScreen(ctx).el);
    await settle();
    expect(byTestId(host, "customer-consumer-no-ravi").textContent).toBe("7100452391");
    expect(byTestId(host, "customers-table").querySelector("thead")?.textContent).toContain("Consumer no.");
    const search = byTestId<HTMLInputElement>(host, "customers-search");
    expect(search.placeholder).toContain("consumer no.");
    expect(search.closest(".field")?.textContent).toContain("consumer number");
    type(search, "71004");
    search.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await settle();
    expect(searchCustomers).toHaveBeenLastCalledWith("71004", { offset: 0, limit: 50 });
  });

  it("creates a customer with a consumer number and a first connection: double-bottle, or another number", async () => {
    const createCustomer = vi.fn((input: NewCustomerInput) =>
      Promise.resolve(customer(9, input.username, { full_name: input.full_name, consumer_no: input.consumer_no === "" ? "GD00000009" : input.consumer_no })),
    );
    const types = demoTypes();
    types[1] = { ...types[1]!, active: false };
    const { ctx, host } = screenContext({ searchCustomers: () => pageOf([]), createCustomer, cylinderTypes: () => Promise.resolve(types) });
    show(host, customersScreen(ctx).el);
    await settle();
    byTestId(host, "customers-new").click();
    await settle();
    // Only types on sale are offered for a new connection.
    expect([...byTestId<HTMLSelectElement>(host, "customer-type").options].map((o) => o.textContent)).toEqual(["Choose the type…", "14.2 kg domestic", "19 kg commercial"]);
    expect(byTestId(host, "customer-allowance-single").closest("fieldset")?.textContent).toContain("single-bottle (1)double-bottle (2)other:");
    type(byTestId<HTMLInputElement>(host, "customer-username"), "hotel2");
    type(byTestId<HTMLInputElement>(host, "customer-consumer-no"), " c-880099 ");
    type(byTestId<HTMLInputElement>(host, "customer-full-name"), "Hotel Saravana");
    type(byTestId<HTMLInputElement>(host, "customer-password"), "secret123");
    type(byTestId<HTMLInputElement>(host, "customer-password-again"), "secret123");
    choose(byTestId<HTMLSelectElement>(host, "customer-type"), "3");
    // "Other" needs a number from 1 to 20; typing one chooses "other".
    type(byTestId<HTMLInputElement>(host, "customer-allowance-count"), "25");
    expect(byTestId<HTMLInputElement>(host, "customer-allowance-other").checked).toBe(true);
    byTestId(host, "customer-create-dialog-confirm").click();
    await settle();
    expect(byTestId(host, "customer-allowance-error").textContent).toBe("Enter how many cylinders at once: 1 to 20.");
    expect(createCustomer).not.toHaveBeenCalled();
    type(byTestId<HTMLInputElement>(host, "customer-allowance-count"), "4");
    byTestId(host, "customer-create-dialog-confirm").click();
    await settle();
    expect(createCustomer).toHaveBeenLastCalledWith(expect.objectContaining({ username: "hotel2", consumer_no: "C-880099", type_id: 3, allowance: 4 }));
    expect(byTestId(host, "customers-notice").textContent).toBe("Created customer hotel2 (Hotel Saravana), consumer number C-880099.");

    byTestId(host, "customers-new").click();
    await settle();
    type(byTestId<HTMLInputElement>(host, "customer-username"), "asha2");
    type(byTestId<HTMLInputElement>(host, "customer-full-name"), "Asha Two");
    type(byTestId<HTMLInputElement>(host, "customer-password"), "secret123");
    type(byTestId<HTMLInputElement>(host, "customer-password-again"), "secret123");
    byTestId(host, "customer-allowance-double").click();
    byTestId(host, "customer-create-dialog-confirm").click();
    await settle();
    // An empty consumer number asks GasDesk to make one.
    expect(createCustomer).toHaveBeenLastCalledWith(expect.objectContaining({ username: "asha2", consumer_no: "", type_id: 1, allowance: 2 }));
    expect(byTestId(host, "customers-notice").textContent).toContain("consumer number GD00000009");
  });

  it("edits the consumer number, checked first and then by the backend", async () => {
    const updateCustomer = vi
      .fn((id: number, fields: CustomerFields) => Promise.resolve(customer(id, "ravi", fields)))
      .mockImplementationOnce(() => Promise.reject(new ApiError("Invalid", "Another customer has that consumer number.", "consumer_no")));
    const { ctx, host } = screenContext({ searchCustomers: () => pageOf([customer(3, "ravi", { consumer_no: "7100452391" })]), updateCustomer });
    show(host, customersScreen(ctx).el);
    await settle();
    byTestId(host, "customer-edit-ravi").click();
    const box = byTestId<HTMLInputElement>(host, "customer-consumer-no");
    expect(box.value).toBe("7100452391");
    type(box, "71004 52391");
    byTestId(host, "customer-edit-dialog-confirm").click();
    await settle();
    expect(byTestId(host, "customer-consumer-no-error").textContent).toContain("up to 20 letters and digits");
    expect(updateCustomer).not.toHaveBeenCalled();
    type(box, "gd00000001");
    byTestId(host, "customer-edit-dialog-confirm").click();
    await settle();
    expect(byTestId(host, "customer-consumer-no-error").textContent).toBe("Another customer has that consumer number.");
    type(box, "7100452392");
    byTestId(host, "customer-edit-dialog-confirm").click();
    await settle();
    expect(updateCustomer).toHaveBeenLastCalledWith(3, { consumer_no: "7100452392", full_name: "Asha Rao", email: "", phone: "9840012345", address: "" });
  });

  it("shows a customer's connections with allowance, holdings, refills and the next refill date, and changes one", async () => {
    const ravi = customer(3, "ravi", { consumer_no: "7100452391" });
    const dbc = connection(1, "14.2 kg domestic", {
      allowance: 2,
      held: 2,
      refills_this_year: 1,
      refills_left: 14,
      next_refill_from: "2026-12-07",
      refill_blocked: "Your last 14.2 kg domestic refill was on 12 Nov 2026. Refills must be at least 25 days apart, so the next one can be booked from 7 Dec 2026.",
    });
    let connections: Connection[] = [dbc];
    const setConnection = vi.fn((_customer: number, typeId: number, allowance: number) => {
      const others = connections.filter((c) => c.type_id !== typeId);
      const existing = connections.find((c) => c.type_id === typeId);
      connections = [...others, existing === undefined ? connection(typeId, "5 kg domestic", { allowance, held: 0, price: "350.00" }) : { ...existing, allowance }];
      return Promise.resolve(connections);
    });
    const { ctx, host } = screenContext({
      searchCustomers: () => pageOf([ravi]),
      cylinderTypes: () => Promise.resolve(demoTypes()),
      customerConnections: () => Promise.resolve(connections),
      setConnection,
    });
    show(host, customersScreen(ctx).el);
    await settle();
    byTestId(host, "customer-details-ravi").click();
    await settle();
    expect(byTestId(host, "customer-details-consumer-no").textContent).toBe("7100452391");
    expect(byTestId(host, "connection-allowance-1").textContent).toBe("double-bottle (2)");
    expect(byTestId(host, "connection-held-1").textContent).toBe("2 of 2");
    expect(byTestId(host, "connection-refills-1").textContent).toBe("1 / 14 left");
    expect(byTestId(host, "connection-next-1").textContent).toBe("7 Dec 2026");
    expect(byTestId(host, "connection-row-1").textContent).toContain("Refills must be at least 25 days apart");

    // The form starts at the first type's allowance; a new type is a new connection.
    expect(byTestId<HTMLInputElement>(host, "connection-allowance-double").checked).toBe(true);
    choose(byTestId<HTMLSelectElement>(host, "connection-type"), "2");
    expect(byTestId<HTMLSelectElement>(host, "connection-type").selectedOptions[0]?.textContent).toBe("5 kg domestic (new connection)");
    expect(byTestId<HTMLInputElement>(host, "connection-allowance-single").checked).toBe(true);
    byTestId(host, "connection-save").click();
    await settle();
    expect(setConnection).toHaveBeenLastCalledWith(3, 2, 1);
    expect(byTestId(host, "connection-row-2").textContent).toContain("5 kg domestic");
    expect(byTestId(host, "connection-next-2").textContent).toBe("now");
    expect(byTestId(host, "connections-notice").textContent).toBe("ravi now has a 5 kg domestic connection, single-bottle (1).");
  });

  it("shows a refused allowance beside the allowance (never below what they hold)", async () => {
    const setConnection = vi.fn(() => Promise.reject(new ApiError("Invalid", "ravi holds 2 cylinders of 14.2 kg domestic; the allowance cannot be less.", "allowance")));
    const { ctx, host } = screenContext({
      searchCustomers: () => pageOf([customer(3, "ravi")]),
      cylinderTypes: () => Promise.resolve(demoTypes()),
      customerConnections: () => Promise.resolve([connection(1, "14.2 kg domestic", { allowance: 2, held: 2 })]),
      setConnection,
    });
    show(host, customersScreen(ctx).el);
    await settle();
    byTestId(host, "customer-details-ravi").click();
    await settle();
    byTestId(host, "connection-allowance-single").click();
    byTestId(host, "connection-save").click();
    await settle();
    expect(setConnection).toHaveBeenCalledWith(3, 1, 1);
    expect(byTestId(host, "connection-allowance-error").textContent).toBe("ravi holds 2 cylinders of 14.2 kg domestic; the allowance cannot be less.");
  });
});
